package io.drwatch.adapter.redis;

import io.drwatch.adapter.support.TargetChecks;
import io.drwatch.config.Endpoint;
import io.drwatch.port.TargetProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Liveness of a Redis server as a new client sees it: connect (with AUTH/HELLO as configured),
 * {@code PING}, expect {@code PONG}, disconnect. Each check uses its own short-lived client,
 * never a pooled connection: the client's pool would hand a connection whose PING hung (frozen
 * server, black-holed address after a DNS or VIP move) to the next check, which would then queue
 * behind it. Closing the client closes its socket at once, answered or not.
 */
public final class RedisTargetProbe implements TargetProbe {
  private final Vertx vertx;
  private final RedisOptions options;
  private final RedisConnect connect;
  private final Supplier<Future<String>> password;
  private final Duration timeout;
  private final String target;

  RedisTargetProbe(Vertx vertx, RedisOptions options, RedisConnect connect, Supplier<Future<String>> password,
      Duration timeout, String target) {
    this.vertx = vertx;
    this.options = options;
    this.connect = connect == null ? new RedisConnect(Optional.empty()) : connect;
    this.password = password;
    this.timeout = timeout;
    this.target = target;
  }

  /**
   * @param url {@code redis://host:port[/db]}; a password in it is used but best kept in
   *     {@code password}
   * @param timeout bounds the connect, the PING and the whole check; positive
   * @throws IllegalArgumentException when {@code url} is not a redis URL or {@code timeout} is
   *     not positive
   */
  public static RedisTargetProbe create(Vertx vertx, String url, Optional<String> password,
      Duration timeout) {
    return create(vertx, url, Optional.empty(), RedisConnect.fixed(password), timeout);
  }

  /**
   * @param endpoint the server, its CA file and password (read per check) or IAM auth
   */
  public static RedisTargetProbe create(Vertx vertx, Endpoint endpoint, Duration timeout) {
    return create(vertx, endpoint.url(), endpoint.caFile(), RedisConnect.password(vertx, endpoint), timeout);
  }

  private static RedisTargetProbe create(Vertx vertx, String url, Optional<Path> caFile,
      Supplier<Future<String>> password, Duration timeout) {
    String target = withoutCredentials(url);
    validate(url, target);
    TargetChecks.positive(timeout);
    int ms = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, timeout.toMillis()));
    NetClientOptions transport = new NetClientOptions()
        .setConnectTimeout(ms)
        .setReadIdleTimeout(2 * ms)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    RedisConnect connect = RedisConnect.of(url, caFile, transport);
    RedisOptions options = new RedisOptions()
        .setConnectionString(url)
        .setMaxPoolSize(1)
        .setMaxPoolWaiting(0)
        .setNetClientOptions(transport);
    return new RedisTargetProbe(vertx, options, connect, password, timeout, target);
  }

  /** Checked here, once: the client parses the URL only when a check creates it. */
  static void validate(String url, String shown) {
    TargetChecks.url(url, shown, Set.of("redis", "rediss"), "redis://host:port or rediss://host:port");
  }


  /** The URL without user and password, for messages. */
  static String withoutCredentials(String url) {
    return url.replaceFirst("//[^@/]*@", "//");
  }

  @Override
  public Future<Void> check() {
    Redis client = connect.client(vertx, options, password);
    return TargetChecks.worded(client.connect()
        .compose(conn -> conn.send(Request.cmd(Command.PING)))
        .compose(RedisTargetProbe::expectPong)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        // Closes the socket whether or not the server answered; a pending connect or PING fails.
        .andThen(done -> client.close()),
        this::reason);
  }

  private static Future<Void> expectPong(Response reply) {
    String text = reply == null ? "nil" : reply.toString();
    return "PONG".equals(text)
        ? Future.succeededFuture()
        : Future.failedFuture(VertxException.noStackTrace("expected PONG, got " + text));
  }

  String reason(Throwable err) {
    return connect.tlsFailure(err).map(Throwable::getMessage)
        .orElseGet(() -> TargetChecks.reason(err, "no answer", timeout));
  }

  /** Nothing to release: each check closes the client it made. */
  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  @Override
  public String toString() {
    return "redis " + target;
  }
}
