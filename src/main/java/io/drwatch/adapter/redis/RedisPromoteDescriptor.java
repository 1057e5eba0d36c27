package io.drwatch.adapter.redis;

import io.drwatch.port.FailoverAction;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.SharedSpecs;
import io.drwatch.schema.Params;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/** {@code redis-promote}: see {@link RedisPromoteAction}. */
public final class RedisPromoteDescriptor extends AbstractActionDescriptor<RedisPromoteDescriptor.Target> {

  /** The replica to promote and how long to wait for it. */
  public record Target(URI url, Optional<String> password, int waitSeconds) {}

  public RedisPromoteDescriptor() {
    super("redis-promote", "Promotes a Redis replica with `REPLICAOF NO ONE`; done when `INFO replication` says"
        + " `role:master`.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().allowing("redis", "rediss").doc("the **replica**, redis://host:port"),
            ParamSpec.string("password").asSecret().doc("the replica's password"),
            SharedSpecs.waitSeconds(RedisPromoteTarget.DEFAULT_WAIT_SECONDS, 3600, "how long the read-back polls for role:master")),
        RedisPromoteTarget.DEFAULT_WAIT_SECONDS, Speed.QUICK, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.url("url"), p.optionalString("password"), p.integer("waitSeconds"));
  }

  @Override
  public FailoverAction create(KindContext context) {
    return RedisPromoteAction.create(context.vertx());
  }
}
