package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.adapter.support.iam.AuthTokens;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How drwatch connects to PostgreSQL, with libpq's {@code sslmode} semantics:
 *
 * <ul>
 *   <li>{@code disable}: plaintext. {@code allow}, {@code prefer} (the default), {@code require}:
 *       TLS without checks, unless a {@code caFile} is given, then the chain is checked (libpq does
 *       the same when it has a root certificate);
 *   <li>{@code verify-ca}: the chain must lead to {@code caFile} (or the JVM trust store);
 *   <li>{@code verify-full}: also the host name in the url must match the certificate.
 * </ul>
 *
 * <p>The password is looked up per new connection: a rotated {@code passwordFile} or a fresh IAM
 * token is used from the next connection on, without a restart.
 */
final class PgConnect {
  private PgConnect() {}

  /**
   * The connect options of {@code url} without a password.
   *
   * @param url {@code postgresql://user@host:port/db[?sslmode=mode]}
   * @throws IllegalArgumentException when the url or its sslmode is not understood
   */
  static PgConnectOptions options(String url, Optional<Path> caFile) {
    int q = url.indexOf('?');
    String mode = q < 0 ? "prefer" : sslmode(url.substring(q + 1));
    PgConnectOptions options = PgConnectOptions.fromUri(q < 0 ? url : url.substring(0, q));
    SslMode sslMode = SslMode.of(mode);
    options.setSslMode(sslMode);
    if (sslMode != SslMode.DISABLE) {
      options.setSslOptions(tls(sslMode, caFile));
    }
    return options;
  }

  private static String sslmode(String query) {
    String[] pair = query.split("=", -1);
    if (pair.length != 2 || !pair[0].equals("sslmode")) {
      throw new IllegalArgumentException("the url's only query parameter may be sslmode");
    }
    return pair[1];
  }

  private static ClientSSLOptions tls(SslMode mode, Optional<Path> caFile) {
    ClientSSLOptions ssl = new ClientSSLOptions().setHostnameVerificationAlgorithm(
        mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    boolean verify = mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL;
    return verify || caFile.isPresent() ? ssl.setTrustOptions(TlsTrust.of(caFile)) : ssl.setTrustAll(true);
  }

  /** New connect options per connection, each with the endpoint's current password or a fresh token. */
  static Supplier<Future<PgConnectOptions>> perConnection(Vertx vertx, Endpoint endpoint, PgConnectOptions base) {
    Supplier<Future<String>> password = password(vertx, endpoint, base);
    return () -> password.get().map(p -> {
      PgConnectOptions copy = new PgConnectOptions(base);
      if (p != null) {
        copy.setPassword(p);
      }
      return copy;
    });
  }

  private static Supplier<Future<String>> password(Vertx vertx, Endpoint endpoint, PgConnectOptions base) {
    if (endpoint.iamAuth().isPresent()) {
      return AuthTokens.rds(vertx, endpoint.iamAuth().get().region(), base.getHost(), base.getPort(), base.getUser());
    }
    Optional<Secret> secret = endpoint.password();
    return () -> Future.succeededFuture(secret.map(Secret::value).orElse(null));
  }
}
