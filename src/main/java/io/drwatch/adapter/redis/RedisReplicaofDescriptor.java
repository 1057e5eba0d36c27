package io.drwatch.adapter.redis;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import java.util.List;

/** {@code redis-replicaof}: see {@link RedisReplicaofAction}. */
public final class RedisReplicaofDescriptor extends AbstractActionDescriptor<RedisReplicaofDescriptor.Target> {
  static final int DEFAULT_WAIT_SECONDS = 300;

  /** The node to re-point, the primary it is to follow, and how long its sync is waited for. */
  public record Target(RedisPair servers, int waitSeconds) {
    RedisNode node() {
      return servers.node();
    }

    RedisNode primaryNode() {
      return servers.otherNode();
    }
  }

  public RedisReplicaofDescriptor() {
    super("redis-replicaof", "Makes a Redis server a replica of `primary` (`REPLICAOF host port`); done when it"
        + " follows that primary with `master_link_status:up` and no sync in progress.",
        ParamSchema.of(
            RedisPair.server("url", "the node to re-point (e.g. the old primary), redis://host:port"),
            RedisPair.server("primary", "the primary it is to follow, host and port as the node reaches it"),
            ParamSpec.string("password").asSecret().doc("password of both servers (AUTH); the node's own"
                + " `masterauth` must already let it into the primary"),
            RedisPair.caFileSpec(),
            SharedSpecs.waitSeconds(DEFAULT_WAIT_SECONDS, 86_400, "how long the read-back waits for the link and"
                + " the full sync")),
        DEFAULT_WAIT_SECONDS, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    return new Target(RedisPair.parse(p, "primary"), p.integer("waitSeconds"));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return new RedisReplicaofAction(context.vertx());
  }
}
