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

/** {@code redis-failover}: see {@link RedisFailoverAction}. */
public final class RedisFailoverDescriptor extends AbstractActionDescriptor<RedisFailoverDescriptor.Target> {
  static final int DEFAULT_WAIT_SECONDS = 60;
  static final int DEFAULT_TIMEOUT_MILLIS = 5000;

  /** The primary, the replica that takes over, and Redis' own bound on the hand-over. */
  public record Target(URI url, URI to, Optional<String> password, Optional<Path> caFile, int timeoutMillis,
      int waitSeconds) {
    RedisNode primary() {
      return RedisNode.of(url, password, caFile);
    }

    RedisNode replica() {
      return RedisNode.of(to, password, caFile);
    }
  }

  public RedisFailoverDescriptor() {
    super("redis-failover", "Hands a Redis primary's role to its replica without losing a write (`FAILOVER TO host"
        + " port TIMEOUT ms`, never FORCE); done when the replica is the primary and the old primary follows it.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().allowing("redis", "rediss").doc("the **current primary**, redis://host:port"),
            ParamSpec.url("to").asRequired().allowing("redis", "rediss")
                .doc("its replica that becomes primary; the port must be the one the primary lists it with"),
            ParamSpec.string("password").asSecret().doc("password of both servers (AUTH)"),
            ParamSpec.string("caFile").doc("PEM bundle the servers' TLS certificates are checked against; default:"
                + " the JVM trust store"),
            ParamSpec.integer("timeoutMillis").range(100, 600_000).defaultsTo(DEFAULT_TIMEOUT_MILLIS)
                .doc("how long Redis holds writes while the replica catches up; past it Redis aborts and writes resume"),
            SharedSpecs.waitSeconds(DEFAULT_WAIT_SECONDS, 3600, "how long the read-back waits for the roles to swap")),
        DEFAULT_WAIT_SECONDS, Speed.QUICK, false, List.of());
  }

  /** The FAILOVER pauses writes on the primary itself: no fence step is needed before it (issue 14). */
  public boolean fencesItself() {
    return true;
  }

  @Override
  public Target parse(Params p) {
    URI url = p.url("url");
    URI to = p.url("to");
    if (url.getHost().equalsIgnoreCase(to.getHost()) && RedisNode.port(url) == RedisNode.port(to)) {
      throw new ParamException("to", "must be another server than url");
    }
    int timeoutMillis = p.integer("timeoutMillis");
    int waitSeconds = p.integer("waitSeconds");
    if (waitSeconds * 1000L <= timeoutMillis) {
      throw new ParamException("waitSeconds", "must be longer than timeoutMillis (" + timeoutMillis + " ms)",
          Integer.toString(waitSeconds));
    }
    return new Target(url, to, p.optionalString("password").filter(s -> !s.isEmpty()),
        p.optionalString("caFile").map(String::strip).filter(s -> !s.isEmpty()).map(Path::of), timeoutMillis,
        waitSeconds);
  }

  @Override
  public FailoverAction create(KindContext context) {
    return new RedisFailoverAction(context.vertx());
  }
}
