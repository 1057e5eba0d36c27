package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.TlsFailures;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.adapter.support.iam.AuthTokens;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
import io.drwatch.domain.CodedFailure;
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
 * <p>Every drwatch session starts with {@code default_transaction_read_only = off} (a startup
 * parameter, so no extra round trip): a {@code pg-fence} makes the server's default read-only for
 * the applications, while drwatch's canaries keep committing on the fenced primary; the newest of
 * them reaching the standby is the switchover's proof of RPO 0.
 *
 * <p>The password is looked up per new connection: a rotated {@code passwordFile} or a fresh IAM
 * token is used from the next connection on, without a restart.
 *
 * @param options the connect options without a password
 * @param trust what checks the server's certificate; empty when nothing does
 */
record PgConnect(PgConnectOptions options, Optional<TlsTrust> trust) {
  static final String READ_ONLY = "default_transaction_read_only";

  /**
   * @param url {@code postgresql://user@host:port/db[?sslmode=mode]}
   * @throws IllegalArgumentException when the url, its sslmode or the CA file is not understood
   */
  static PgConnect of(String url, Optional<Path> caFile) {
    int q = url.indexOf('?');
    PgConnectOptions options = PgConnectOptions.fromUri(q < 0 ? url : url.substring(0, q));
    SslMode mode = SslMode.of(q < 0 ? "prefer" : sslmode(url.substring(q + 1)));
    options.setSslMode(mode);
    options.addProperty(READ_ONLY, "off");
    if (mode == SslMode.DISABLE) {
      return new PgConnect(options, Optional.empty());
    }
    ClientSSLOptions ssl = new ClientSSLOptions().setHostnameVerificationAlgorithm(
        mode == SslMode.VERIFY_FULL ? "HTTPS" : "");
    boolean verify = mode == SslMode.VERIFY_CA || mode == SslMode.VERIFY_FULL || caFile.isPresent();
    Optional<TlsTrust> trust = verify ? Optional.of(TlsTrust.of(caFile)) : Optional.empty();
    options.setSslOptions(trust.map(t -> ssl.setTrustOptions(t.options())).orElseGet(() -> ssl.setTrustAll(true)));
    return new PgConnect(options, trust);
  }

  /** A copy without drwatch's own session settings: what an application's session sees. */
  static PgConnectOptions asApplication(PgConnectOptions options) {
    PgConnectOptions copy = new PgConnectOptions(options);
    java.util.Map<String, String> props = new java.util.HashMap<>(options.getProperties());
    props.remove(READ_ONLY);
    return copy.setProperties(props);
  }

  private static String sslmode(String query) {
    String[] pair = query.split("=", -1);
    if (pair.length != 2 || !pair[0].equals("sslmode")) {
      throw new IllegalArgumentException("the url's only query parameter may be sslmode");
    }
    return pair[1];
  }

  /** New connect options per connection, each with the endpoint's current password or a fresh token. */
  Supplier<Future<PgConnectOptions>> perConnection(Vertx vertx, Endpoint endpoint) {
    Supplier<Future<String>> password = password(vertx, endpoint);
    boolean tls = options.getSslMode() != SslMode.DISABLE;
    return () -> (tls ? TlsTrust.warmed(vertx) : Future.<Void>succeededFuture())
        .compose(v -> password.get())
        .map(p -> {
          PgConnectOptions copy = new PgConnectOptions(options);
          if (p != null) {
            copy.setPassword(p);
          }
          return copy;
        });
  }

  /** A call whose TLS failure names the certificate problem, coded TLS. */
  <T> Future<T> worded(Future<T> call) {
    return TlsFailures.worded(call, trust);
  }

  Optional<CodedFailure> tlsFailure(Throwable err) {
    return TlsFailures.coded(err, trust);
  }

  private Supplier<Future<String>> password(Vertx vertx, Endpoint endpoint) {
    if (endpoint.iamAuth().isPresent()) {
      return AuthTokens.rds(vertx, endpoint.iamAuth().get().region(), options.getHost(), options.getPort(),
          options.getUser());
    }
    Optional<Secret> secret = endpoint.password();
    return () -> Future.succeededFuture(secret.map(Secret::value).orElse(null));
  }
}
