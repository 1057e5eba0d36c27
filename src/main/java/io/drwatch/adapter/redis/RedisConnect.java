package io.drwatch.adapter.redis;

import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.adapter.support.iam.AuthTokens;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
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
final class RedisConnect {
  private RedisConnect() {}

  /** The transport for {@code url}: TLS settings only matter for {@code rediss://}. */
  static NetClientOptions transport(String url, Optional<Path> caFile, NetClientOptions transport) {
    if (url.startsWith("rediss://")) {
      transport.setHostnameVerificationAlgorithm("HTTPS").setTrustOptions(TlsTrust.of(caFile));
    }
    return transport;
  }

  /** A client whose every new connection authenticates with the then current password or token. */
  static Redis client(Vertx vertx, RedisOptions options, Supplier<Future<String>> password) {
    return Redis.createStandaloneClient(vertx, options, () -> password.get().map(p -> {
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
          endpoint.iamAuth().get().cacheName().orElseThrow(), user);
    }
    Optional<Secret> secret = endpoint.password();
    return () -> Future.succeededFuture(secret.map(Secret::value).orElse(null));
  }

  static Supplier<Future<String>> fixed(Optional<String> password) {
    return () -> Future.succeededFuture(password.orElse(null));
  }
}
