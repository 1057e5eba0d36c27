package io.drwatch.app.failover;

import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.SwitchoverWindow;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** What is said, measured and journaled when a run ends. */
final class RunEnd {
  static final System.Logger VERDICTS = System.getLogger("io.drwatch.verdict");

  private RunEnd() {}

  /**
   * Logs the end and returns the records to journal after it, in order. A successful execute or
   * drill run: its measurement, the RTO (detection is not part of the run, so its projection is
   * added, as the RTO projection does) and the canary RPO of each channel when its promotion
   * started; an execute run then flips its channels. A reprotect: which channels it rebuilt. A
   * switchover: its measurement (the RTO is the write-unavailable window), the switchover's own
   * record, then the flip. Nothing for a run that did not succeed.
   */
  static List<Function<FailoverRun, Transition>> followUps(FailoverRun r, PipelineSettings settings,
      Map<String, Duration> rpo, Instant now) {
    FailoverPipeline.LOG.log(Level.INFO, line(r, now));
    List<Function<FailoverRun, Transition>> out = new ArrayList<>();
    if (r.state() != RunState.SUCCEEDED) {
      return out;
    }
    Duration took = Duration.between(r.startedAt().orElseThrow(), r.endedAt().orElse(now));
    switch (r.mode()) {
      case DRILL, EXECUTE -> out.add(x -> x.measure(settings.detection().plus(took), rpo, now));
      case REPROTECT -> reprotected(r, settings).ifPresent(out::add);
      case SWITCHOVER -> {
        Duration window = SwitchoverWindow.writeUnavailable(r).orElse(took);
        Duration loss = rpo.values().stream().max(Duration::compareTo).orElse(Duration.ZERO);
        out.add(x -> x.measure(window, rpo, now));
        out.add(x -> x.switchoverMeasured(window, r.dataLossAcceptedBy().isPresent() ? loss : Duration.ZERO, now));
      }
    }
    flip(r, settings, now).ifPresent(out::add);
    return out;
  }

  /** The channels a successful reprotect rebuilt: the {@code channel} of its steps. */
  private static Optional<Function<FailoverRun, Transition>> reprotected(FailoverRun r, PipelineSettings settings) {
    List<String> channels = r.plan().steps().stream().map(s -> settings.channels(r.mode()).get(s.id()))
        .filter(Objects::nonNull).distinct().toList();
    if (channels.isEmpty()) {
      return Optional.empty();
    }
    FailoverPipeline.LOG.log(Level.WARNING, "run " + r.runId() + " re-protected " + channels
        + ": their new replicas are probed in the reversed direction until they read HEALTHY");
    return Optional.of(x -> x.reprotectApplied(channels, r.endedAt().orElseThrow()));
  }

  /**
   * For a SUCCEEDED execute or switchover run, the flip of every channel one of its promotion
   * steps named (done or found done by its check): those replicas are primaries now. Drills
   * promote drill targets and leave production as it was, so they flip nothing; nor do failed or
   * cancelled runs.
   */
  static Optional<Function<FailoverRun, Transition>> flip(FailoverRun r, PipelineSettings settings,
      Instant now) {
    if (r.state() != RunState.SUCCEEDED || r.mode() != RunMode.EXECUTE && r.mode() != RunMode.SWITCHOVER) {
      return Optional.empty();
    }
    List<String> channels = r.plan().steps().stream().filter(s -> s.promote())
        .filter(s -> r.step(s.id()).state().isDone())
        .map(s -> settings.channels(r.mode()).get(s.id())).filter(Objects::nonNull)
        .distinct().toList();
    if (channels.isEmpty()) {
      return Optional.empty();
    }
    FailoverPipeline.LOG.log(Level.WARNING, "run " + r.runId() + (r.mode() == RunMode.EXECUTE
        ? " failed over " + channels + ": the promoted side is the primary, with no replica (UNPROTECTED)"
        : " switched over " + channels + ": the promoted side is the primary, the old one its replica"));
    return Optional.of(x -> x.flip(channels, now));
  }

  /**
   * "run ID SUCCEEDED after 4.5s", or "run ID FAILED after 2s: why". Only a failed, blocked or
   * cancelled run has a reason; a successful one says how long it took instead of ending on ": ".
   */
  static String line(FailoverRun r, Instant now) {
    String took = r.startedAt().map(s -> " after " + Texts.duration(
        Duration.between(s, r.endedAt().orElse(now)))).orElse("");
    return "run " + r.runId() + " " + r.state() + took + (r.reason().isEmpty() ? "" : ": " + r.reason());
  }

  static void logMeasured(FailoverRun r) {
    if (r.switchover().isPresent()) {
      VERDICTS.log(Level.WARNING, SwitchoverWindow.verdict(r).orElseThrow());
      return;
    }
    r.measured().ifPresent(m -> FailoverPipeline.LOG.log(Level.INFO, "run " + r.runId()
        + " measured: RTO " + Texts.duration(m.rto()) + ", RPO at promotion " + (m.rpo().isEmpty()
            ? "unknown" : m.rpo().entrySet().stream()
                .map(e -> e.getKey() + " " + Texts.duration(e.getValue())).toList())));
  }
}
