package io.drwatch.adapter.redis;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import java.util.List;

/** {@code redis-failover}: see {@link RedisFailoverAction}. */
public final class RedisFailoverDescriptor extends AbstractActionDescriptor<RedisFailoverDescriptor.Target> {
  static final int DEFAULT_WAIT_SECONDS = 60;
  static final int DEFAULT_TIMEOUT_MILLIS = 5000;

  /** The primary, the replica that takes over, and Redis' own bound on the hand-over. */
  public record Target(RedisPair servers, int timeoutMillis, int waitSeconds) {
    RedisNode primary() {
      return servers.node();
    }

    RedisNode replica() {
      return servers.otherNode();
    }
  }

  public RedisFailoverDescriptor() {
    super("redis-failover", "Hands a Redis primary's role to its replica without losing a write (`FAILOVER TO host"
        + " port TIMEOUT ms`, never FORCE); done when the replica is the primary and the old primary follows it.",
        ParamSchema.of(
            RedisPair.server("url", "the **current primary**, redis://host:port"),
            RedisPair.server("to", "its replica that becomes primary; the port must be the one the primary lists it"
                + " with"),
            ParamSpec.string("password").asSecret().doc("password of both servers (AUTH)"),
            RedisPair.caFileSpec(),
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
    RedisPair servers = RedisPair.parse(p, "to");
    int timeoutMillis = p.integer("timeoutMillis");
    int waitSeconds = p.integer("waitSeconds");
    if (waitSeconds * 1000L <= timeoutMillis) {
      throw new ParamException("waitSeconds", "must be longer than timeoutMillis (" + timeoutMillis + " ms)",
          Integer.toString(waitSeconds));
    }
    return new Target(servers, timeoutMillis, waitSeconds);
  }

  @Override
  public FailoverAction create(KindContext context) {
    return new RedisFailoverAction(context.vertx());
  }
}
