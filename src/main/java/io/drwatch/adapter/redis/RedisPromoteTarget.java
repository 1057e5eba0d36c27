package io.drwatch.adapter.redis;

import io.drwatch.port.FailoverAction.Step;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The parameters of one redis-promote step, checked before anything is sent:
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

  /** @throws IllegalArgumentException naming the step, the parameter and the rule */
  static RedisPromoteTarget of(Step step, Duration callTimeout) {
    URI uri = parse(step);
    NetClientOptions transport = new NetClientOptions().setConnectTimeout((int) callTimeout.toMillis());
    RedisConnect connect = RedisConnect.of(step.param("url"), caFile(step), transport);
    RedisOptions options = new RedisOptions()
        .setConnectionString(step.param("url"))
        .setMaxPoolSize(1)
        .setMaxPoolWaiting(0)
        .setNetClientOptions(transport);
    Optional<String> password = Optional.of(step.param("password", "")).filter(p -> !p.isEmpty());
    String label = "redis " + uri.getHost() + ":" + (uri.getPort() == -1 ? 6379 : uri.getPort());
    return new RedisPromoteTarget(options, connect, password, step.number("waitSeconds", DEFAULT_WAIT_SECONDS, 3600), label);
  }

  private static Optional<Path> caFile(Step step) {
    String file = step.param("caFile", "").strip();
    return file.isEmpty() ? Optional.empty() : Optional.of(Path.of(file));
  }

  Duration waitLimit() {
    return Duration.ofSeconds(waitSeconds);
  }

  private static URI parse(Step step) {
    String url = step.param("url");
    try {
      URI uri = new URI(url);
      if (("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without echoing the URL (it may hold a password)
    }
    throw new IllegalArgumentException("step " + step.id() + ": url must look like redis://host:port");
  }
}
