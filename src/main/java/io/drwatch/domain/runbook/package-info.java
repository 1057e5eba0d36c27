/**
 * The failover pipeline's decisions, pure and replayable (architecture §5).
 *
 * <ul>
 *   <li>{@link io.drwatch.domain.runbook.Runbook}: the validated DAG of {@link
 *       io.drwatch.domain.runbook.StepSpec}s. A step starts once its {@code after} steps are done;
 *       a promote step also waits for every fence step (fence-first). Done means finished, or
 *       skipped because the action's check found the target state already reached.
 *   <li>{@link io.drwatch.domain.runbook.FailoverRun}: one run as an immutable value. Every
 *       transition returns the next run plus the {@link io.drwatch.domain.runbook.JournalRecord}
 *       to append before acting. Replaying the records rebuilds the run after a crash: finished
 *       steps stay finished, and an attempt that was in flight is re-checked, never re-applied
 *       blindly.
 *   <li>{@link io.drwatch.domain.runbook.RpoGate}: before a promotion, PROCEED, WAIT (for
 *       catch-up, at most drainWait and never past the RTO budget) or BLOCK until someone accepts
 *       the data loss, which is journaled with their name.
 *   <li>{@link io.drwatch.domain.runbook.RtoProjector}: detection time plus the critical path
 *       over measured (p95) or expected step durations, plus live readiness penalties; +Inf with
 *       a reason when the failover could not complete.
 * </ul>
 *
 * <p>Nothing here reads a clock: every transition takes the instant from the caller.
 */
package io.drwatch.domain.runbook;
