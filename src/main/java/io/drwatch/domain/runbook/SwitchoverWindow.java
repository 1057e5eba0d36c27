package io.drwatch.domain.runbook;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The instants of a switchover run that its gate and its measurement read, from the run's own
 * step records (journal time, so they survive a restart).
 */
public final class SwitchoverWindow {
  private SwitchoverWindow() {}

  /** When the last fence step of the run was verified (finished or found done); empty if none. */
  public static Optional<Instant> fenceVerifiedAt(FailoverRun run) {
    return run.plan().steps().stream().filter(StepSpec::fence).map(s -> run.step(s.id()))
        .filter(r -> r.state().isDone()).map(StepRecord::endedAt).flatMap(Optional::stream)
        .max(Instant::compareTo);
  }

  /**
   * How long writes were unavailable: from the first fence verified to the last promotion
   * verified. A runbook whose promotions fence themselves starts the window at the first
   * promotion's start. Empty until both ends are known.
   */
  public static Optional<Duration> writeUnavailable(FailoverRun run) {
    Optional<Instant> from = run.plan().steps().stream().filter(StepSpec::fence).map(s -> run.step(s.id()))
        .map(StepRecord::endedAt).flatMap(Optional::stream).min(Instant::compareTo);
    if (from.isEmpty()) {
      from = run.plan().steps().stream().filter(StepSpec::promote).map(s -> run.step(s.id()))
          .map(r -> r.startedAt().or(r::endedAt)).flatMap(Optional::stream).min(Instant::compareTo);
    }
    Optional<Instant> to = run.plan().steps().stream().filter(StepSpec::promote).map(s -> run.step(s.id()))
        .map(StepRecord::endedAt).flatMap(Optional::stream).max(Instant::compareTo);
    if (from.isEmpty() || to.isEmpty() || to.get().isBefore(from.get())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(from.get(), to.get()));
  }

  /**
   * The verdict line of a measured switchover: "switchover sw-...: write-unavailable 1.8s, RPO 0
   * (canary after fence seen on replica)" when the zero-loss gate proved every promoted channel;
   * the accepted loss and who accepted it; or, for promotions the gate did not check (actions that
   * fence themselves, steps without a channel), that their own handover is the only evidence.
   */
  public static Optional<String> verdict(FailoverRun r) {
    return r.switchover().map(m -> "switchover " + r.runId() + ": write-unavailable "
        + Texts.duration(m.writeUnavailable()) + ", " + r.dataLossAcceptedBy()
            .map(by -> "RPO " + Texts.duration(m.rpo()) + " (data loss accepted by " + by + ")")
            .orElse(proven(r) ? "RPO 0 (canary after fence seen on replica)"
                : "RPO 0 (not shown by a canary: rests on the promotion's own handover)"));
  }

  private static boolean proven(FailoverRun r) {
    Map<String, Duration> rpo = r.measured().map(JournalRecord.RunMeasured::rpo).orElse(Map.of());
    return !rpo.isEmpty() && rpo.values().stream().allMatch(Duration::isZero);
  }
}
