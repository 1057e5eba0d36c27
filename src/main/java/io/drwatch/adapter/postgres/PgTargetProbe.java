package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.TargetChecks;
import io.drwatch.adapter.support.TlsFailures;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
import io.drwatch.domain.Failures;
import io.drwatch.port.TargetProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.spi.ConnectionFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Liveness of a PostgreSQL server as a new client sees it: open a connection, run
 * {@code SELECT 1}, close. A fresh connection per check, never a pooled one. Measured against a
 * pooled connection (max 1 and max 2) on a real server:
 *
 * <ul>
 *   <li>postmaster frozen (SIGSTOP): the pooled check kept answering in 1-2 ms while no new
 *       client could connect; the fresh check times out;
 *   <li>address black-holed, then reachable again for new connections (a DNS or VIP move): the
 *       pooled checks stayed failed ("Timeout waiting for connection") after the heal, because
 *       the hung connections hold every slot; the fresh check passes on the first try.
 * </ul>
 *
 * <p>The price: about 12 ms per check on a loaded loopback host (fork, startup, one query,
 * terminate) against 1.5-3 ms on a reused connection, and one short-lived backend per check.
 *
 * <p>Known limit (vertx-pg-client 5.0.7): a connect whose startup handshake gets no answer
 * (server frozen after the TCP handshake) neither fails nor closes its socket on its own; the
 * transport idle timeout does not apply during the handshake. Such a connect stays open until
 * the server answers, resets it, or TCP gives up; the check itself still ends at its timeout.
 * {@link #close()} closes those sockets.
 */
public final class PgTargetProbe implements TargetProbe {
  private static final String APPLICATION_NAME = "drwatch-target-probe";

  private final Vertx vertx;
  private final ConnectionFactory<PgConnectOptions> connections;
  private final PgConnect connect;
  private final PgConnectOptions options;
  private final Supplier<Future<PgConnectOptions>> perConnection;
  private final Duration timeout;

  PgTargetProbe(Vertx vertx, ConnectionFactory<PgConnectOptions> connections,
      PgConnect connect, Supplier<Future<PgConnectOptions>> perConnection, Duration timeout) {
    this.vertx = vertx;
    this.connections = connections;
    this.connect = connect;
    this.options = connect == null ? null : connect.options();
    this.perConnection = perConnection;
    this.timeout = timeout;
  }

  /**
   * @param url {@code postgresql://user@host:port/db}; a password in it is used but best kept in
   *     {@code password}
   * @param timeout bounds the connect, the query and the whole check; positive
   * @throws IllegalArgumentException when {@code url} does not parse or {@code timeout} is not
   *     positive
   */
  public static PgTargetProbe create(Vertx vertx, String url, Optional<String> password,
      Duration timeout) {
    return create(vertx, new Endpoint(url, password.map(Secret::of)), timeout);
  }

  /**
   * @param endpoint the server, its sslmode, CA file and password or IAM auth; the password is
   *     looked up for every check, so a rotated file is used at the next one
   */
  public static PgTargetProbe create(Vertx vertx, Endpoint endpoint, Duration timeout) {
    TargetChecks.positive(timeout);
    PgConnect connect = PgConnect.of(endpoint.url(), endpoint.caFile());
    PgConnectOptions options = connect.options().setReconnectAttempts(0).setCachePreparedStatements(false);
    options.addProperty("application_name", APPLICATION_NAME);
    int ms = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, timeout.toMillis()));
    NetClientOptions transport = new NetClientOptions().setConnectTimeout(ms);
    return new PgTargetProbe(vertx, PgDriver.INSTANCE.createConnectionFactory(vertx, transport), connect,
        connect.perConnection(vertx, endpoint), timeout);
  }

  @Override
  public Future<Void> check() {
    io.vertx.core.Context context = vertx.getOrCreateContext();
    Future<SqlConnection> connecting = perConnection.get().compose(o -> connections.connect(context, o));
    return TargetChecks.worded(connecting
        .compose(PgTargetProbe::selectOne)
        .<Void>mapEmpty()
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        // Closes this check's connection in every case without waiting for it: after a timeout
        // the connect or the query may still be pending, and the close runs once it completes.
        .andThen(done -> connecting.onSuccess(SqlConnection::close)),
        this::reason);
  }

  private static Future<?> selectOne(SqlConnection conn) {
    // Whatever the server says after the check (e.g. its goodbye when it shuts down while the
    // close is under way) is of no interest and would otherwise be logged as unhandled.
    conn.exceptionHandler(ignored -> { });
    return conn.query("SELECT 1").execute();
  }

  String reason(Throwable err) {
    Optional<String> tls = (connect == null ? TlsFailures.coded(err) : connect.tlsFailure(err))
        .map(Throwable::getMessage);
    if (tls.isPresent()) {
      return tls.get();
    }
    if (err instanceof PgException pg && !Failures.isTimeout(err)) {
      return Failures.line(pg.getSeverity() + " " + pg.getSqlState() + ": " + pg.getErrorMessage());
    }
    return TargetChecks.reason(err, "no answer", timeout);
  }

  /**
   * Closes every socket of this probe. Completes within the timeout even when a hung handshake
   * keeps the client from reporting its close (see the class comment). Started from a worker, like
   * {@link PgHeartbeatProbe#close()}: called on the event loop, the factory closes its sockets
   * inline, seen as a 110 ms block at shutdown on a loaded machine; from a worker each socket's
   * close is its own event-loop task.
   */
  @Override
  public Future<Void> close() {
    return vertx.executeBlocking(() -> {
      Promise<Void> closed = Promise.promise();
      connections.close(closed);
      return closed.future();
    }, false).compose(closing -> closing)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .otherwiseEmpty();
  }

  @Override
  public String toString() {
    return "postgres " + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
  }
}
