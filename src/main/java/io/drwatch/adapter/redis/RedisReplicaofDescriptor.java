package io.drwatch.adapter.redis;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code redis-replicaof}: see {@link RedisReplicaofAction}. */
public final class RedisReplicaofDescriptor extends AbstractActionDescriptor<RedisReplicaofDescriptor.Target> {
  static final int DEFAULT_WAIT_SECONDS = 300;

  /** The node to re-point, the primary it is to follow, and how long its sync is waited for. */
  public record Target(URI url, URI primary, Optional<String> password, Optional<Path> caFile, int waitSeconds) {
    RedisNode node() {
      return RedisNode.of(url, password, caFile);
    }

    RedisNode primaryNode() {
      return RedisNode.of(primary, password, caFile);
    }
  }

  public RedisReplicaofDescriptor() {
    super("redis-replicaof", "Makes a Redis server a replica of `primary` (`REPLICAOF host port`); done when it"
        + " follows that primary with `master_link_status:up` and no sync in progress.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().allowing("redis", "rediss")
                .doc("the node to re-point (e.g. the old primary), redis://host:port"),
            ParamSpec.url("primary").asRequired().allowing("redis", "rediss")
                .doc("the primary it is to follow, host and port as the node reaches it"),
            ParamSpec.string("password").asSecret().doc("password of both servers (AUTH); the node's own"
                + " `masterauth` must already let it into the primary"),
            ParamSpec.string("caFile").doc("PEM bundle the servers' TLS certificates are checked against; default:"
                + " the JVM trust store"),
            SharedSpecs.waitSeconds(DEFAULT_WAIT_SECONDS, 86_400, "how long the read-back waits for the link and"
                + " the full sync")),
        DEFAULT_WAIT_SECONDS, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    URI url = p.url("url");
    URI primary = p.url("primary");
    if (url.getHost().equalsIgnoreCase(primary.getHost()) && RedisNode.port(url) == RedisNode.port(primary)) {
      throw new ParamException("primary", "must be another server than url");
    }
    return new Target(url, primary, p.optionalString("password").filter(s -> !s.isEmpty()),
        p.optionalString("caFile").map(String::strip).filter(s -> !s.isEmpty()).map(Path::of),
        p.integer("waitSeconds"));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return new RedisReplicaofAction(context.vertx());
  }
}
