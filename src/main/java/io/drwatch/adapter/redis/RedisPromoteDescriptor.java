package io.drwatch.adapter.redis;

import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamSpec;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.ServerPromoteDescriptor;

/** {@code redis-promote}: see {@link RedisPromoteAction}. */
public final class RedisPromoteDescriptor extends ServerPromoteDescriptor {

  public RedisPromoteDescriptor() {
    super("redis-promote", "Promotes a Redis replica with `REPLICAOF NO ONE`; done when `INFO replication` says"
        + " `role:master`.",
        ParamSpec.url("url").asRequired().allowing("redis", "rediss").doc("the **replica**, redis://host:port"),
        "the replica's password",
        RedisPromoteTarget.DEFAULT_WAIT_SECONDS, "how long the read-back polls for role:master");
  }

  @Override
  public FailoverAction create(KindContext context) {
    return RedisPromoteAction.create(context.vertx());
  }
}
