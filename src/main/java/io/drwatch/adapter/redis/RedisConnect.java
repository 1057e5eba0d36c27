package io.drwatch.adapter.redis;

import io.drwatch.adapter.support.TlsFailures;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.adapter.support.iam.AuthTokens;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
import io.drwatch.domain.CodedFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisStandaloneConnectOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How drwatch connects to Redis: {@code rediss://} is TLS with the host name checked against the
 * server's certificate and the chain against {@code caFile} (else the JVM trust store); a user in
 * the url is a Redis 6+ ACL user ({@code HELLO 3 AUTH user password}). The password is looked up
 * per new connection, so a rotated {@code passwordFile} or a fresh ElastiCache IAM token is used
 * without a restart.
 */
record RedisConnect(Optional<TlsTrust> trust) {

  /**
   * Sets up {@code transport} for {@code url}: TLS settings only matter for {@code rediss://}.
   *
   * @throws IllegalArgumentException when the CA file cannot be loaded
   */
  static RedisConnect of(String url, Optional<Path> caFile, NetClientOptions transport) {
    if (!url.startsWith("rediss://")) {
      return new RedisConnect(Optional.empty());
    }
    TlsTrust trust = TlsTrust.of(caFile);
    transport.setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(trust.options());
    return new RedisConnect(Optional.of(trust));
  }

  /** A call whose TLS failure names the certificate problem, coded TLS. */
  <T> Future<T> worded(Future<T> call) {
    return TlsFailures.worded(call, trust);
  }

  Optional<CodedFailure> tlsFailure(Throwable err) {
    return TlsFailures.coded(err, trust);
  }

  /** A client whose every new connection authenticates with the then current password or token. */
  Redis client(Vertx vertx, RedisOptions options, Supplier<Future<String>> password) {
    Supplier<Future<Void>> ready = trust.isPresent() ? () -> TlsTrust.warmed(vertx) : Future::succeededFuture;
    return Redis.createStandaloneClient(vertx, options, () -> ready.get().compose(v -> password.get()).map(p -> {
      RedisStandaloneConnectOptions connect = new RedisStandaloneConnectOptions(options);
      if (p != null) {
        connect.setPassword(p);
      }
      return connect;
    }));
  }

  static Supplier<Future<String>> password(Vertx vertx, Endpoint endpoint) {
    if (endpoint.iamAuth().isPresent()) {
      // The loader made sure of rediss://user-id@host and a cache name.
      String user = URI.create(endpoint.url()).getUserInfo();
      return AuthTokens.elastiCache(vertx, endpoint.iamAuth().get().region(),
          endpoint.iamAuth().get().cacheName().orElseThrow(), user, endpoint.iamAuth().get().serverless());
    }
    Optional<Secret> secret = endpoint.password();
    return () -> Future.succeededFuture(secret.map(Secret::value).orElse(null));
  }

  static Supplier<Future<String>> fixed(Optional<String> password) {
    return () -> Future.succeededFuture(password.orElse(null));
  }
}
