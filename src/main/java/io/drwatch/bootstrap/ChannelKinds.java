package io.drwatch.bootstrap;

import io.drwatch.adapter.postgres.PgHeartbeatProbe;
import io.drwatch.adapter.redis.RedisHeartbeatProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Vertx;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.BiFunction;

/** The one place that maps a channel kind to its adapter. A new kind adds one line here. */
final class ChannelKinds {
  private static final Map<ChannelKind, BiFunction<Vertx, ChannelConfig, ChannelProbe>> PROBES =
      new EnumMap<>(Map.of(
          ChannelKind.POSTGRES, PgHeartbeatProbe::create,
          ChannelKind.REDIS, RedisHeartbeatProbe::create));

  private ChannelKinds() {}

  static ChannelProbe probe(Vertx vertx, ChannelConfig channel) {
    BiFunction<Vertx, ChannelConfig, ChannelProbe> factory = PROBES.get(channel.kind());
    if (factory == null) {
      throw new IllegalArgumentException("unknown kind " + channel.kind() + "; available: " + PROBES.keySet());
    }
    return factory.apply(vertx, channel);
  }
}
