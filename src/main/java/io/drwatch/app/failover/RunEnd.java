package io.drwatch.app.failover;

import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** What is said and measured when a run ends. */
final class RunEnd {
  private RunEnd() {}

  /**
   * Logs the end; for a successful run returns the measurement to journal: the RTO (detection is
   * not part of the run, so its projection is added, as the RTO projection does) and the canary
   * RPO of each channel when its promotion started.
   */
  static Optional<Function<FailoverRun, Transition>> report(FailoverRun r, PipelineSettings settings,
      Map<String, Duration> rpo, RunLedger ledger, Instant now) {
    FailoverPipeline.LOG.log(Level.INFO, line(r, now));
    if (r.state() != RunState.SUCCEEDED) {
      return Optional.empty();
    }
    if (r.mode() == RunMode.EXECUTE) {
      FailoverPipeline.LOG.log(Level.WARNING, "automatic failover latched off: " + ledger.latch().line());
    }
    Duration rto = settings.detection().plus(Duration.between(r.startedAt().orElseThrow(),
        r.endedAt().orElse(now)));
    return Optional.of(x -> x.measure(rto, rpo, now));
  }

  /**
   * For a SUCCEEDED execute run, the flip of every channel one of its promotion steps named (done
   * or found done by its check): those replicas are primaries now. Drills promote drill targets
   * and leave production as it was, so they flip nothing; nor do failed or cancelled runs.
   */
  static Optional<Function<FailoverRun, Transition>> flip(FailoverRun r, PipelineSettings settings,
      Instant now) {
    if (r.state() != RunState.SUCCEEDED || r.mode() != RunMode.EXECUTE) {
      return Optional.empty();
    }
    java.util.List<String> channels = r.plan().steps().stream().filter(s -> s.promote())
        .filter(s -> r.step(s.id()).state().isDone())
        .map(s -> settings.channels().get(s.id())).filter(java.util.Objects::nonNull)
        .distinct().toList();
    if (channels.isEmpty()) {
      return Optional.empty();
    }
    FailoverPipeline.LOG.log(Level.WARNING, "run " + r.runId() + " failed over " + channels
        + ": the promoted side is the primary, with no replica (UNPROTECTED)");
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
    r.measured().ifPresent(m -> FailoverPipeline.LOG.log(Level.INFO, "run " + r.runId()
        + " measured: RTO " + Texts.duration(m.rto()) + ", RPO at promotion " + (m.rpo().isEmpty()
            ? "unknown" : m.rpo().entrySet().stream()
                .map(e -> e.getKey() + " " + Texts.duration(e.getValue())).toList())));
  }
}
