package io.drwatch.adapter.redis;

import io.drwatch.schema.ChannelShape;
import io.drwatch.spi.SelfHostedChannelKind;

/** Channel kind {@code redis}: see {@link RedisHeartbeatProbe}. */
public final class RedisChannelKind extends SelfHostedChannelKind {

  public RedisChannelKind() {
    super("redis", "Redis replication: a heartbeat hash written on the primary, read on the replica.",
        ChannelShape.Form.REDIS, RedisHeartbeatProbe::create);
  }
}
