package io.drwatch.adapter.postgres;

import io.drwatch.adapter.support.Poll;
import io.drwatch.spi.DescribedAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * {@code pg-fence}: makes a PostgreSQL primary refuse application writes before a switchover
 * promotes its standby, so that nothing is committed there after the proof of RPO 0.
 *
 * <ul>
 *   <li>check: a new application session already shows {@code default_transaction_read_only = on};
 *   <li>apply: {@code ALTER SYSTEM SET default_transaction_read_only = on}, {@code pg_reload_conf()};
 *   <li>await: polls a new application session until it is read-only, then (unless
 *       {@code endOpenTransactions: false}) ends the sessions whose transaction began before that.
 * </ul>
 *
 * <p>drwatch's own sessions start with the flag off ({@link PgConnect}), so its canaries keep
 * committing on the fenced primary: a canary written after the fence and visible on the standby
 * proves that the standby has everything. This fence stops well-behaved applications, not a
 * client that sets the flag off itself; for that, also revoke its login or cut its network. The
 * fence survives a restart (postgresql.auto.conf); {@code pg-promote} lifts it on the node it
 * promotes. Needs a superuser or {@code GRANT ALTER SYSTEM ON PARAMETER default_transaction_read_only}
 * (PostgreSQL 15+), and {@code pg_signal_backend} to end sessions.
 */
public final class PgFenceAction extends DescribedAction<PgFenceDescriptor.Target> {
  private final PgCalls calls;

  PgFenceAction(PgCalls calls) {
    super(new PgFenceDescriptor());
    this.calls = calls;
  }

  public static PgFenceAction create(Vertx vertx) {
    return new PgFenceAction(PgCalls.create(vertx));
  }

  @Override
  protected Future<Boolean> check(Step step, PgFenceDescriptor.Target t) {
    return PgFence.isFenced(calls, PgPromoteTarget.of(step.id(), t.server()));
  }

  @Override
  protected Future<Void> apply(Step step, PgFenceDescriptor.Target t) {
    return PgFence.set(calls, PgPromoteTarget.of(step.id(), t.server()));
  }

  @Override
  protected Future<Void> await(Step step, PgFenceDescriptor.Target t) {
    PgPromoteTarget target = PgPromoteTarget.of(step.id(), t.server());
    Future<Boolean> fenced = Poll.every(PgPromoteAction.POLL_EVERY, target.waitLimit()).keepingOnFailure()
        .until(calls.vertx(), step.abandoned(), () -> PgFence.isFenced(calls, target), f -> f,
            ar -> ar.failed() ? ar.cause().getMessage() + " (still failing after " + target.waitSeconds() + "s)"
                : target.label() + ": new sessions still read-write after " + target.waitSeconds() + "s")
        .result();
    return !t.endOpenTransactions() ? fenced.mapEmpty()
        : fenced.compose(v -> PgFence.endOpenTransactions(calls, target)).mapEmpty();
  }
}
