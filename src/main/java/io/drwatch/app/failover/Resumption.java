package io.drwatch.app.failover;

import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The rules for a run found unfinished in the journal (after a restart, or by a new lease holder)
 * and for runs that wait on people. A RUNNING run older than {@code resumeWithin} acted on
 * evidence that may no longer hold: it resumes only if detection declares the outage again
 * within the time detection needs, else it is abandoned. An approval wait ends at
 * {@code approvalTimeout}, so a stale "yes" cannot start a failover hours later.
 */
final class Resumption {
  private static final Duration MIN_RECHECK = Duration.ofSeconds(10);

  enum Next { WAIT, RESUME, ABANDON }

  private final PipelineSettings settings;
  private final Clock clock;
  private String heldBack;
  private Instant since;

  Resumption(PipelineSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** The reason the run cannot go on if its plan names a step the config no longer has. */
  Optional<String> missingStep(FailoverRun run) {
    if (run.mode().operatorOnly() && settings.operatorRunbook(run.mode()).isEmpty()) {
      return Optional.of("runbook." + run.mode().word() + " is no longer in the config: run " + run.runId()
          + " cannot resume");
    }
    Set<String> configured = settings.runbook(run.mode()).steps().stream().map(StepSpec::id)
        .collect(Collectors.toSet());
    return run.plan().steps().stream().map(StepSpec::id).filter(id -> !configured.contains(id))
        .findFirst().map(id -> "step " + id + " of run " + run.runId()
            + " is no longer in the runbook config: the run cannot resume");
  }

  /** True (and remembered) if {@code run} must wait for the outage to be declared again. */
  boolean holdBack(FailoverRun run) {
    if (run.state() != RunState.RUNNING || age(run).compareTo(settings.resumeWithin()) <= 0) {
      return false;
    }
    heldBack = run.runId();
    since = clock.instant();
    return true;
  }

  /**
   * An operator's reprotect or switchover older than {@code resumeWithin}: no outage speaks for it,
   * so it is not resumed on its own; the operator starts it again.
   */
  boolean tooOld(FailoverRun run) {
    return age(run).compareTo(settings.resumeWithin()) > 0;
  }

  String tooOldReason(FailoverRun run) {
    return "not resumed: this " + run.mode().word() + " started " + Texts.duration(age(run))
        + " ago, older than resumeWithin " + Texts.duration(settings.resumeWithin()) + "; start it again";
  }

  boolean heldBack(FailoverRun run) {
    return run.runId().equals(heldBack);
  }

  /** What to do with the held-back run at this detection tick. */
  Next decide(FailoverRun current, boolean declared) {
    if (heldBack == null || current == null || !heldBack(current)) {
      return Next.WAIT;
    }
    if (declared) {
      clear();
      return Next.RESUME;
    }
    if (Duration.between(since, clock.instant()).compareTo(recheckFor()) >= 0) {
      clear();
      return Next.ABANDON;
    }
    return Next.WAIT;
  }

  String abandonReason(FailoverRun run) {
    return "not resumed: started " + Texts.duration(age(run)) + " ago, older than resumeWithin "
        + Texts.duration(settings.resumeWithin()) + ", and the outage was not declared again within "
        + Texts.duration(recheckFor());
  }

  boolean approvalExpired(FailoverRun run) {
    return age(run).compareTo(settings.approvalTimeout()) >= 0;
  }

  void clear() {
    heldBack = null;
    since = null;
  }

  // Long enough for detection to declare an outage that is still there: twice its projection.
  private Duration recheckFor() {
    Duration twice = settings.detection().multipliedBy(2);
    return twice.compareTo(MIN_RECHECK) >= 0 ? twice : MIN_RECHECK;
  }

  private Duration age(FailoverRun run) {
    return Duration.between(run.startedAt().orElse(clock.instant()), clock.instant());
  }
}
