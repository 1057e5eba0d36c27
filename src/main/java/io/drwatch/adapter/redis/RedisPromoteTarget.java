package io.drwatch.adapter.redis;

import io.drwatch.spi.ServerPromoteDescriptor;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The parameters of one redis-promote step, as the client takes them; read by {@link RedisPromoteDescriptor}:
 *
 * <ul>
 *   <li>{@code url}: {@code redis://host:port} of the replica (required; {@code rediss://} for TLS);
 *   <li>{@code caFile}: optional PEM bundle for a {@code rediss://} server's certificate;
 *   <li>{@code password}: optional, never shown in messages; {@code passwordFile} is read per call;
 *   <li>{@code waitSeconds}: how long {@code await} polls for role:master, 1-3600, default 60.
 * </ul>
 */
record RedisPromoteTarget(RedisOptions options, RedisConnect connect, Optional<String> password, int waitSeconds,
    String label) {
  static final int DEFAULT_WAIT_SECONDS = 60;

  /** The client's options for a target its descriptor has read. */
  static RedisPromoteTarget of(ServerPromoteDescriptor.Target target, Duration callTimeout) {
    URI uri = target.url();
    NetClientOptions transport = new NetClientOptions().setConnectTimeout((int) callTimeout.toMillis());
    RedisConnect connect = RedisConnect.of(uri.toString(), target.caFile(), transport);
    RedisOptions options = new RedisOptions()
        .setConnectionString(uri.toString())
        .setMaxPoolSize(1)
        .setMaxPoolWaiting(0)
        .setNetClientOptions(transport);
    String label = "redis " + uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort());
    return new RedisPromoteTarget(options, connect, target.password(), target.waitSeconds(), label);
  }

  Duration waitLimit() {
    return Duration.ofSeconds(waitSeconds);
  }
}
