package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.spi.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The PostgreSQL actions' calls: each on a new connection bounded by a timeout and closed in every
 * case, so nothing is held between steps. Failures are worded {@code "postgres host:port/db: reason"}.
 */
final class PgCalls {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final Vertx vertx;
  private final ConnectionFactory<PgConnectOptions> connections;

  PgCalls(Vertx vertx, ConnectionFactory<PgConnectOptions> connections) {
    this.vertx = vertx;
    this.connections = connections;
  }

  static PgCalls create(Vertx vertx) {
    NetClientOptions transport = new NetClientOptions().setConnectTimeout((int) CALL_TIMEOUT.toMillis());
    return new PgCalls(vertx, PgDriver.INSTANCE.createConnectionFactory(vertx, transport));
  }

  Vertx vertx() {
    return vertx;
  }

  /** {@code work} on a drwatch session (which a pg-fence does not make read-only, see {@link PgConnect}). */
  <T> Future<T> on(PgPromoteTarget t, Duration timeout, Function<SqlConnection, Future<T>> work) {
    return on(t, t.options(), timeout, work);
  }

  /** {@code work} on a session as an application gets it: the server's own defaults, fence included. */
  <T> Future<T> asApplication(PgPromoteTarget t, Duration timeout, Function<SqlConnection, Future<T>> work) {
    return on(t, PgConnect.asApplication(t.options()), timeout, work);
  }

  // A connection that arrives after the timeout is closed when it does.
  private <T> Future<T> on(PgPromoteTarget t, PgConnectOptions options, Duration timeout,
      Function<SqlConnection, Future<T>> work) {
    io.vertx.core.Context context = vertx.getOrCreateContext();
    Future<SqlConnection> connecting = (t.connect().trust().isPresent() ? TlsTrust.warmed(vertx)
        : Future.<Void>succeededFuture()).compose(v -> connections.connect(context, options));
    return connecting
        .compose(work)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .andThen(done -> connecting.onSuccess(SqlConnection::close))
        .recover(err -> t.connect().tlsFailure(err)
            .<Future<T>>map(tls -> Future.failedFuture(tls.withMessage(t.label() + ": " + tls.getMessage())))
            .orElseGet(() -> failed(t.label() + ": " + reason(err, timeout))));
  }

  static String reason(Throwable err, Duration timeout) {
    if (Failures.isTimeout(err)) {
      return "no answer within " + Texts.duration(timeout);
    }
    if (err instanceof PgException pg) {
      return Failures.line(pg.getSeverity() + " " + pg.getSqlState() + ": " + pg.getErrorMessage());
    }
    return Failures.line(err);
  }

  static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }
}
