package io.drwatch.domain.runbook;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Require;
import io.drwatch.domain.runbook.JournalRecord.DataLossAccepted;
import io.drwatch.domain.runbook.JournalRecord.RunApproved;
import io.drwatch.domain.runbook.JournalRecord.RunBlocked;
import io.drwatch.domain.runbook.JournalRecord.RunCancelled;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunMeasured;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.JournalRecord.StepFailed;
import io.drwatch.domain.runbook.JournalRecord.StepFinished;
import io.drwatch.domain.runbook.JournalRecord.StepInterrupted;
import io.drwatch.domain.runbook.JournalRecord.StepSkipped;
import io.drwatch.domain.runbook.JournalRecord.StepStarted;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One failover run, immutable. Each transition returns the next run and the {@link JournalRecord}
 * to append: append it, and act only once the append succeeded, so a crash never hides an action.
 * Transitions refuse what the policy forbids (a step that is not ready, a promotion before the
 * fences) with an IllegalStateException saying why. {@link #readySteps} answers what may start
 * now; {@link #replay} and {@link #replayAll} rebuild runs from the journal after a restart.
 *
 * @param plan the DAG this run executes, without params: look a step's params up by id in the
 *     configured runbook (after a restart, a step missing there fails the run)
 * @param steps one record per plan step, in config order
 * @param reason why the run is blocked, failed or cancelled; "" otherwise
 * @param measured what a successful run measured (see {@link #measure})
 * @param switchover what a successful switchover measured (see {@link #switchoverMeasured})
 */
public record FailoverRun(
    String runId,
    RunMode mode,
    Trigger trigger,
    Runbook plan,
    RunState state,
    Map<String, StepRecord> steps,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    Optional<String> approvedBy,
    Optional<String> dataLossAcceptedBy,
    String reason,
    Optional<RunMeasured> measured,
    Optional<JournalRecord.SwitchoverMeasured> switchover) {

  /** The next run and the record that makes it durable. */
  public record Transition(FailoverRun run, JournalRecord record) {}

  public FailoverRun {
    Require.nonNull("runId", runId, "mode", mode, "trigger", trigger, "state", state, "reason", reason);
    if (!steps.keySet().equals(Set.copyOf(plan.steps().stream().map(StepSpec::id).toList()))) {
      throw new IllegalArgumentException("run " + runId + ": steps " + steps.keySet()
          + " do not match the plan " + plan);
    }
    steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
  }

  /** A PLANNED run, not journaled yet: what {@code plan} shows and {@link #start} starts. */
  public static FailoverRun plan(String runId, RunMode mode, Trigger trigger, Runbook runbook) {
    Map<String, StepRecord> steps = new LinkedHashMap<>();
    runbook.steps().forEach(s -> steps.put(s.id(), StepRecord.planned(s.id())));
    return new FailoverRun(runId, mode, trigger, runbook.withoutParams(), RunState.PLANNED, steps,
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.empty(),
        Optional.empty());
  }

  /** Rebuilds one run from its records, the first a RunStarted; throws on any inconsistency. */
  public static FailoverRun replay(List<JournalRecord> records) {
    return RunReplay.strict(records);
  }

  /** Rebuilds every run of a journal; never throws: records that do not fit become problems. */
  public static Replayed replayAll(List<JournalRecord> records) {
    return RunReplay.lenient(records);
  }

  public StepRecord step(String id) {
    plan.step(id);
    return steps.get(id);
  }

  /** Started (journaled) and not ended. */
  public boolean isActive() {
    return state != RunState.PLANNED && !state.isTerminal();
  }

  /**
   * The steps that may start now, in run order: the run is RUNNING, no step has failed for good
   * (fail fast), the step is planned or failed with attempts left, and its prerequisites are done
   * ({@code after}, plus every fence for a promotion). Run the action's {@code check} first and
   * {@link #skipStep} if it is already done; else {@link #startStep}, apply, await.
   */
  public List<StepSpec> readySteps() {
    return RunSteps.ready(this);
  }

  /**
   * Steps started and not ended. After {@link #replay} these are the attempts a crash cut short:
   * re-run the action's {@code check} on each, then {@link #skipStep} it if the target state is
   * reached, else {@link #interruptStep} it so it becomes ready again. Never apply them blindly.
   */
  public List<String> inFlight() {
    return steps.values().stream().filter(s -> s.state() == StepState.STARTED)
        .map(StepRecord::step).toList();
  }

  /** A step that failed with no attempt left: the run can only fail. */
  public Optional<StepRecord> exhausted() {
    return RunSteps.exhausted(this);
  }

  /** RUNNING with nothing in flight and nothing left to start: time for {@link #finish}. */
  public boolean isDone() {
    return RunSteps.isDone(this);
  }

  /** PLANNED → RUNNING, or AWAITING_APPROVAL for approval mode. */
  public Transition start(boolean awaitApproval, Instant at) {
    return apply(new RunStarted(runId, mode, trigger, plan.steps(), awaitApproval, at));
  }

  public Transition approve(String by, Instant at) {
    return apply(new RunApproved(runId, by, at));
  }

  /** Starts the next attempt of a ready step; refuses, saying why, if it is not ready. */
  public Transition startStep(String step, Instant at) {
    RunSteps.requireReady(this, step);
    return apply(new StepStarted(runId, step, step(step).attempt() + 1, at));
  }

  public Transition finishStep(String step, String message, Instant at) {
    return apply(new StepFinished(runId, step, message, at));
  }

  public Transition failStep(String step, String message, Instant at) {
    return apply(new StepFailed(runId, step, message, at));
  }

  /** A failed attempt with its code, journaled with it. */
  public Transition failStep(String step, FailureCode code, String message, Instant at) {
    return apply(new StepFailed(runId, step, Optional.of(code), message, at));
  }

  /** The check found the target state: a ready step, or one in flight after a restart. */
  public Transition skipStep(String step, String message, Instant at) {
    if (step(step).state() != StepState.STARTED) {
      RunSteps.requireReady(this, step);
    }
    return apply(new StepSkipped(runId, step, message, at));
  }

  /** An in-flight step whose re-check found the target state not reached: ready again. */
  public Transition interruptStep(String step, String message, Instant at) {
    return apply(new StepInterrupted(runId, step, message, at));
  }

  /** The RPO gate said BLOCK before promotion {@code step}. */
  public Transition block(String step, String reason, Instant at) {
    plan.step(step);
    return apply(new RunBlocked(runId, step, reason, at));
  }

  /** Unblocks a blocked run; accepted earlier, it covers every later promotion of the run. */
  public Transition acceptDataLoss(String by, Instant at) {
    return apply(new DataLossAccepted(runId, by, at));
  }

  /** Ends a run that {@link #isDone}: SUCCEEDED if every step is done, else FAILED. */
  public Transition finish(Instant at) {
    if (!isDone()) {
      throw new IllegalStateException("run " + runId + " is not done: " + RunSteps.pending(this));
    }
    Optional<StepRecord> failed = exhausted();
    if (failed.isEmpty()) {
      return apply(new RunFinished(runId, RunState.SUCCEEDED, "", at));
    }
    StepRecord f = failed.get();
    String why = "step " + f.step() + " failed after " + f.attempt() + " attempt"
        + (f.attempt() == 1 ? "" : "s") + ": " + f.message();
    return apply(new RunFinished(runId, RunState.FAILED, why, at));
  }

  /** Fails the run now, e.g. a step's params vanished from the config after a restart. */
  public Transition fail(String reason, Instant at) {
    return apply(new RunFinished(runId, RunState.FAILED, reason, at));
  }

  /** An approval wait that nobody answered within {@code approvalTimeout}. */
  public Transition expire(String reason, Instant at) {
    if (state != RunState.AWAITING_APPROVAL) {
      throw new IllegalStateException("run " + runId + " is " + state + ", not awaiting approval");
    }
    return apply(new RunFinished(runId, RunState.EXPIRED, reason, at));
  }

  /** An unfinished run too old to resume on the evidence at hand. */
  public Transition abandon(String reason, Instant at) {
    return apply(new RunFinished(runId, RunState.ABANDONED, reason, at));
  }

  /** Re-arms automatic failover after this run latched it off. */
  public Transition rearm(String by, Instant at) {
    return apply(new JournalRecord.Rearmed(runId, by, at));
  }

  /** Records what a SUCCEEDED run measured; once per run. */
  public Transition measure(java.time.Duration rto, Map<String, java.time.Duration> rpo, Instant at) {
    return apply(new RunMeasured(runId, rto, rpo, at));
  }

  /** Records that this SUCCEEDED reprotect run built new replicas for {@code channels}. */
  public Transition reprotectApplied(List<String> channels, Instant at) {
    return apply(new JournalRecord.ReprotectApplied(runId, channels, at));
  }

  /** Records the write-unavailable window and the RPO of this SUCCEEDED switchover run. */
  public Transition switchoverMeasured(java.time.Duration writeUnavailable, java.time.Duration rpo, Instant at) {
    return apply(new JournalRecord.SwitchoverMeasured(runId, writeUnavailable, rpo, at));
  }

  /** Records that this SUCCEEDED execute or switchover run turned {@code channels} around. */
  public Transition flip(List<String> channels, Instant at) {
    return apply(new JournalRecord.DirectionFlipped(runId, channels, at));
  }

  public Transition cancel(String by, String reason, Instant at) {
    return apply(new RunCancelled(runId, by, reason, at));
  }

  private Transition apply(JournalRecord record) {
    return new Transition(RunApply.apply(this, record), record);
  }
}
