package io.drwatch.domain.runbook;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Folds one journal record into a run. The only place state changes, so a live transition and its
 * replay after a crash cannot disagree. Checks consistency only (a step must have started to
 * finish); policy (readiness, fence-first) is {@link FailoverRun}'s, decided before the record
 * was written.
 */
final class RunApply {
  private RunApply() {}

  static FailoverRun apply(FailoverRun run, JournalRecord record) {
    if (!record.runId().equals(run.runId())) {
      throw conflict(run, record, "belongs to run " + record.runId());
    }
    Optional<Instant> at = Optional.of(record.at());
    if (record instanceof RunStarted r) {
      require(run, record, run.state() == RunState.PLANNED, "run is " + run.state());
      RunState next = r.awaitingApproval() ? RunState.AWAITING_APPROVAL : RunState.RUNNING;
      return run(run, next, at, run.endedAt(), run.approvedBy(), run.dataLossAcceptedBy(), "");
    }
    if (record instanceof StepStarted r) {
      StepRecord step = run.step(r.step());
      require(run, record, !run.state().isTerminal(), "run is " + run.state());
      require(run, record, step.state() == StepState.PLANNED || step.state() == StepState.FAILED,
          "step is " + step.state());
      return step(run, step.with(StepState.STARTED, r.attempt(), at, Optional.empty(), ""));
    }
    if (record instanceof StepFinished r) {
      StepRecord step = started(run, record, r.step());
      return step(run, step.with(StepState.FINISHED, step.attempt(), step.startedAt(), at,
          r.message()));
    }
    if (record instanceof StepFailed r) {
      StepRecord step = started(run, record, r.step());
      return step(run, step.with(StepState.FAILED, step.attempt(), step.startedAt(), at,
          r.message()));
    }
    if (record instanceof StepInterrupted r) {
      StepRecord step = started(run, record, r.step());
      // The cut-short attempt does not count: a restart must not use up the step's retries.
      return step(run, step.with(StepState.PLANNED, step.attempt() - 1, Optional.empty(),
          Optional.empty(), r.message()));
    }
    if (record instanceof StepSkipped r) {
      StepRecord step = run.step(r.step());
      require(run, record, !step.state().isDone(), "step is " + step.state());
      return step(run, step.with(StepState.SKIPPED, step.attempt(), step.startedAt(), at,
          r.message()));
    }
    if (record instanceof JournalRecord.DirectionFlipped) {
      require(run, record, run.state() == RunState.SUCCEEDED
          && (run.mode() == RunMode.EXECUTE || run.mode() == RunMode.SWITCHOVER),
          "only a successful execute or switchover run flips channels; run is " + run.mode() + " " + run.state());
      return run;
    }
    if (record instanceof JournalRecord.Reprotected) {
      // A fact about a channel after the run; every observer holding the lease in turn may write it.
      require(run, record, run.state() == RunState.SUCCEEDED, "run is " + run.state());
      return run;
    }
    if (record instanceof JournalRecord.ReprotectApplied) {
      require(run, record, run.state() == RunState.SUCCEEDED && run.mode() == RunMode.REPROTECT,
          "only a successful reprotect run re-protects channels; run is " + run.mode() + " " + run.state());
      return run;
    }
    if (record instanceof JournalRecord.SwitchoverMeasured r) {
      require(run, record, run.state() == RunState.SUCCEEDED && run.mode() == RunMode.SWITCHOVER,
          "only a successful switchover run measures a switchover; run is " + run.mode() + " " + run.state());
      require(run, record, run.switchover().isEmpty(), "switchover already measured");
      return new FailoverRun(run.runId(), run.mode(), run.trigger(), run.plan(), run.state(), run.steps(),
          run.startedAt(), run.endedAt(), run.approvedBy(), run.dataLossAcceptedBy(), run.reason(),
          run.measured(), Optional.of(r));
    }
    if (record instanceof JournalRecord.Rearmed) {
      require(run, record, run.state() == RunState.SUCCEEDED && run.mode() == RunMode.EXECUTE,
          "only a successful execute run latches; run is " + run.mode() + " " + run.state());
      return run;
    }
    if (record instanceof RunMeasured r) {
      require(run, record, run.state() == RunState.SUCCEEDED, "run is " + run.state());
      require(run, record, run.measured().isEmpty(), "run already measured");
      return new FailoverRun(run.runId(), run.mode(), run.trigger(), run.plan(), run.state(), run.steps(),
          run.startedAt(), run.endedAt(), run.approvedBy(), run.dataLossAcceptedBy(), run.reason(), Optional.of(r),
          run.switchover());
    }
    require(run, record, run.isActive(), "run is " + run.state());
    if (record instanceof RunApproved r) {
      require(run, record, run.state() == RunState.AWAITING_APPROVAL, "run is " + run.state());
      return run(run, RunState.RUNNING, run.startedAt(), run.endedAt(), Optional.of(r.by()),
          run.dataLossAcceptedBy(), run.reason());
    }
    if (record instanceof RunBlocked r) {
      require(run, record, run.state() == RunState.RUNNING, "run is " + run.state());
      return run(run, RunState.BLOCKED_DATA_LOSS, run.startedAt(), run.endedAt(),
          run.approvedBy(), run.dataLossAcceptedBy(), r.reason());
    }
    if (record instanceof DataLossAccepted r) {
      boolean blocked = run.state() == RunState.BLOCKED_DATA_LOSS;
      return run(run, blocked ? RunState.RUNNING : run.state(), run.startedAt(), run.endedAt(),
          run.approvedBy(), Optional.of(r.by()), blocked ? "" : run.reason());
    }
    if (record instanceof RunFinished r) {
      return run(run, r.outcome(), run.startedAt(), at, run.approvedBy(),
          run.dataLossAcceptedBy(), r.reason());
    }
    RunCancelled r = (RunCancelled) record;
    return run(run, RunState.CANCELLED, run.startedAt(), at, run.approvedBy(),
        run.dataLossAcceptedBy(), "cancelled by " + r.by() + ": " + r.reason());
  }

  private static StepRecord started(FailoverRun run, JournalRecord record, String id) {
    StepRecord step = run.step(id);
    require(run, record, step.state() == StepState.STARTED, "step is " + step.state());
    return step;
  }

  private static FailoverRun step(FailoverRun run, StepRecord step) {
    Map<String, StepRecord> steps = new LinkedHashMap<>(run.steps());
    steps.put(step.step(), step);
    return new FailoverRun(run.runId(), run.mode(), run.trigger(), run.plan(), run.state(), steps,
        run.startedAt(), run.endedAt(), run.approvedBy(), run.dataLossAcceptedBy(), run.reason(),
        run.measured(), run.switchover());
  }

  private static FailoverRun run(FailoverRun run, RunState state, Optional<Instant> startedAt,
      Optional<Instant> endedAt, Optional<String> approvedBy, Optional<String> accepted,
      String reason) {
    return new FailoverRun(run.runId(), run.mode(), run.trigger(), run.plan(), state, run.steps(),
        startedAt, endedAt, approvedBy, accepted, reason, run.measured(), run.switchover());
  }

  private static void require(FailoverRun run, JournalRecord record, boolean ok, String why) {
    if (!ok) {
      throw conflict(run, record, why);
    }
  }

  private static IllegalStateException conflict(FailoverRun run, JournalRecord record, String why) {
    return new IllegalStateException("run " + run.runId() + ": cannot apply "
        + record.getClass().getSimpleName() + describe(record) + ": " + why);
  }

  private static String describe(JournalRecord record) {
    return record instanceof JournalRecord.StepFact f ? " " + f.step() : "";
  }
}
