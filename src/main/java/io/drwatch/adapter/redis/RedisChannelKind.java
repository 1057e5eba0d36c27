package io.drwatch.adapter.redis;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Channel kind {@code redis}: see {@link RedisHeartbeatProbe}. */
public final class RedisChannelKind extends AbstractChannelKindDescriptor<RedisChannelKind.Target> {

  /** No params: the channel is its two endpoints. */
  public record Target() {}

  public RedisChannelKind() {
    super("redis", "Redis replication: a heartbeat hash written on the primary, read on the replica.",
        ParamSchema.of(), ChannelShape.selfHosted(ChannelShape.Form.REDIS), false, List.of());
  }

  @Override
  public Target parse(Params p) {
    return new Target();
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig channel) {
    return RedisHeartbeatProbe.create(context.vertx(), channel);
  }
}
