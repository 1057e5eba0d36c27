package io.drwatch.domain.runbook;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One fact about a run, appended to the journal before anyone acts on it. {@link FailoverRun}
 * transitions return the record to append; {@link FailoverRun#replayAll} folds records back into
 * runs. Records are facts, not commands: replay applies them without re-deciding anything.
 */
public sealed interface JournalRecord {

  String runId();

  Instant at();

  /** A record about one step of the run. */
  sealed interface StepFact extends JournalRecord
      permits StepStarted, StepNote {
    String step();
  }

  /** A step record that says what happened in words. */
  sealed interface StepNote extends StepFact
      permits StepFinished, StepFailed, StepSkipped, StepInterrupted {
    String message();
  }

  /** A record of what an operator did, naming who. */
  sealed interface ByOperator extends JournalRecord
      permits RunApproved, DataLossAccepted, RunCancelled, Rearmed {
    String by();
  }

  /**
   * The run began. Carries the plan it runs (params removed: they may hold credentials), so a
   * restart resumes the same DAG even if the config changed meanwhile.
   *
   * @param awaitingApproval approval mode: no step starts before {@link RunApproved}
   */
  record RunStarted(String runId, RunMode mode, Trigger trigger, List<StepSpec> plan,
      boolean awaitingApproval, Instant at) implements JournalRecord {
    public RunStarted {
      check(runId, at, "mode", mode, "trigger", trigger);
      plan = List.copyOf(plan);
    }
  }

  /** Someone authenticated approved an approval-mode run. */
  record RunApproved(String runId, String by, Instant at) implements ByOperator {
    public RunApproved {
      check(runId, at, "by", by);
    }
  }

  /** An attempt of a step began: written before the action's apply. */
  record StepStarted(String runId, String step, int attempt, Instant at) implements StepFact {
    public StepStarted {
      check(runId, at, "step", step);
    }
  }

  /** The step reached and verified its target state. */
  record StepFinished(String runId, String step, String message, Instant at)
      implements StepNote {
    public StepFinished {
      check(runId, at, "step", step, "message", message);
    }
  }

  /**
   * The attempt failed (error, timeout); a retry may follow.
   *
   * @param code why, in the closed set metrics and alerts use; empty in journals written before
   *     codes existed
   */
  record StepFailed(String runId, String step, Optional<FailureCode> code, String message, Instant at)
      implements StepNote {
    public StepFailed {
      check(runId, at, "step", step, "code", code, "message", message);
    }

    /** Without a code: as read from an old journal. */
    public StepFailed(String runId, String step, String message, Instant at) {
      this(runId, step, Optional.empty(), message, at);
    }
  }

  /** The step's check found the target state already reached. */
  record StepSkipped(String runId, String step, String message, Instant at)
      implements StepNote {
    public StepSkipped {
      check(runId, at, "step", step, "message", message);
    }
  }

  /**
   * An in-flight attempt was cut short by a restart and its re-check found the target state not
   * reached: the step is planned again, and the lost attempt does not use up a retry.
   */
  record StepInterrupted(String runId, String step, String message, Instant at)
      implements StepNote {
    public StepInterrupted {
      check(runId, at, "step", step, "message", message);
    }
  }

  /** The RPO gate blocked the promotion {@code step}; the run waits for DataLossAccepted. */
  record RunBlocked(String runId, String step, String reason, Instant at)
      implements JournalRecord {
    public RunBlocked {
      check(runId, at, "step", step, "reason", reason);
    }
  }

  /** {@code by} accepted data loss for the rest of the run: the RPO gate no longer applies. */
  record DataLossAccepted(String runId, String by, Instant at) implements ByOperator {
    public DataLossAccepted {
      check(runId, at, "by", by);
    }
  }

  /** The run ended on its own: {@code outcome} is SUCCEEDED, FAILED, EXPIRED or ABANDONED. */
  record RunFinished(String runId, RunState outcome, String reason, Instant at)
      implements JournalRecord {
    public RunFinished {
      check(runId, at);
      if (!outcome.isTerminal() || outcome == RunState.CANCELLED) {
        throw new IllegalArgumentException(
            "outcome must be SUCCEEDED, FAILED, EXPIRED or ABANDONED, but was " + outcome);
      }
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * What a successful run measured, appended after its RunFinished: the RTO (projected detection
   * plus the run's own duration) and, per promoted channel, the canary RPO when its promotion
   * started, i.e. the writes the promotion left behind.
   */
  record RunMeasured(String runId, Duration rto, Map<String, Duration> rpo, Instant at)
      implements JournalRecord {
    public RunMeasured {
      check(runId, at);
      nonNegative("rto", rto);
      rpo = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rpo));
    }
  }

  /** {@code by} cancelled the run; steps in flight may still end and are journaled. */
  record RunCancelled(String runId, String by, String reason, Instant at)
      implements ByOperator {
    public RunCancelled {
      check(runId, at, "by", by, "reason", reason);
    }
  }

  /**
   * An operator re-armed automatic failover after the successful EXECUTE run {@code runId}, which
   * had latched it off (see {@link FailoverLatch}). Changes no run.
   */
  record Rearmed(String runId, String by, Instant at) implements ByOperator {
    public Rearmed {
      check(runId, at, "by", by);
    }
  }

  /**
   * The successful EXECUTE run {@code runId} promoted the replicas of {@code channels}: each of
   * them now runs the other way, the promoted side primary, with no replica yet (see
   * {@code domain/topology/Topology}). Changes no run.
   */
  record DirectionFlipped(String runId, List<String> channels, Instant at) implements JournalRecord {
    public DirectionFlipped {
      channels = checkedChannels(runId, at, channels);
    }
  }

  /**
   * The successful re-protection run {@code runId} rebuilt a replica for each of {@code channels}
   * in the direction they run now: their probes read that direction from here on, and the
   * channels stay exposed until {@link Reprotected} (see {@code domain/topology/Topology}).
   */
  record ReprotectApplied(String runId, List<String> channels, Instant at) implements JournalRecord {
    public ReprotectApplied {
      channels = checkedChannels(runId, at, channels);
    }
  }

  /**
   * The replica that run {@code runId} rebuilt for {@code channel} was read HEALTHY at {@code at}:
   * the channel is protected again. Written once by the observer holding the executor lease;
   * carries the rebuilding run because every journal record belongs to a run.
   */
  record Reprotected(String runId, String channel, Instant at) implements JournalRecord {
    public Reprotected {
      check(runId, at, "channel", channel);
    }
  }

  /**
   * What the SUCCEEDED SWITCHOVER run {@code runId} measured: writes were unavailable from the
   * first fence verified to the last promotion verified, and it lost {@code rpo} of data: zero when
   * the canary proved it, else the loss an operator accepted (the run then names who).
   */
  record SwitchoverMeasured(String runId, Duration writeUnavailable, Duration rpo, Instant at)
      implements JournalRecord {
    public SwitchoverMeasured {
      check(runId, at);
      nonNegative("writeUnavailable", writeUnavailable);
      nonNegative("rpo", rpo);
    }
  }

  /** Rejects a record without its run, its time or any of the named fields: {@code "step", step, ...}. */
  private static void check(String runId, Instant at, Object... namesAndValues) {
    Require.nonNull("runId", runId, "at", at);
    Require.nonNull(namesAndValues);
  }

  /** Rejects a record without its run, its time or its channels; the channels, copied. */
  private static List<String> checkedChannels(String runId, Instant at, List<String> channels) {
    check(runId, at, "channels", channels);
    return List.copyOf(channels);
  }

  /** Rejects a missing or negative duration {@code name}. */
  private static void nonNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " must be >= 0, but was " + value);
    }
  }
}
