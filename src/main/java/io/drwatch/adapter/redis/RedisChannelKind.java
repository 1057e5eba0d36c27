package io.drwatch.adapter.redis;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.schema.ChannelShape;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.SelfHostedChannelKind;

/** Channel kind {@code redis}: see {@link RedisHeartbeatProbe}. */
public final class RedisChannelKind extends SelfHostedChannelKind {

  public RedisChannelKind() {
    super("redis", "Redis replication: a heartbeat hash written on the primary, read on the replica.",
        ChannelShape.Form.REDIS);
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig channel) {
    return RedisHeartbeatProbe.create(context.vertx(), channel);
  }
}
