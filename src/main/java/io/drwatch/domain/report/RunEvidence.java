package io.drwatch.domain.report;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord.RunMeasured;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One run from a journal against the objectives. The mode and outcome are kept as their lower-case
 * names, so modes added later (reprotect, switchover) are reported as they are journaled.
 *
 * @param rto measured RTO; empty unless the run succeeded and journaled its measurement
 * @param rpo per promoted channel, the canary RPO when its promotion started
 * @param rpoObjectives the objective of each channel in {@code rpo}, where one is configured
 */
public record RunEvidence(String runId, String mode, String outcome, Instant started,
    Optional<Instant> ended, Optional<Duration> rto, Duration rtoObjective,
    Map<String, Duration> rpo, Map<String, Duration> rpoObjectives) {

  public RunEvidence {
    rpo = Collections.unmodifiableMap(new LinkedHashMap<>(rpo));
    rpoObjectives = Collections.unmodifiableMap(new LinkedHashMap<>(rpoObjectives));
  }

  /** Empty for a run never started (nothing to report: it changed nothing). */
  public static Optional<RunEvidence> of(FailoverRun run, Duration rtoObjective,
      Map<String, Duration> objectives) {
    if (run.startedAt().isEmpty()) {
      return Optional.empty();
    }
    Map<String, Duration> rpo = run.measured().map(RunMeasured::rpo).orElse(Map.of());
    Map<String, Duration> rpoObjectives = new LinkedHashMap<>();
    rpo.keySet().forEach(ch -> {
      if (objectives.containsKey(ch)) {
        rpoObjectives.put(ch, objectives.get(ch));
      }
    });
    return Optional.of(new RunEvidence(run.runId(), run.mode().name().toLowerCase(Locale.ROOT),
        run.state().name().toLowerCase(Locale.ROOT), run.startedAt().get(), run.endedAt(),
        run.measured().map(RunMeasured::rto), rtoObjective, rpo, rpoObjectives));
  }

  /** Empty when nothing was measured. */
  public Optional<Boolean> rtoMet() {
    return rto.map(d -> d.compareTo(rtoObjective) <= 0);
  }

  /** Empty when nothing was measured or no objective is known for the channel. */
  public Optional<Boolean> rpoMet(String channel) {
    if (!rpo.containsKey(channel) || !rpoObjectives.containsKey(channel)) {
      return Optional.empty();
    }
    return Optional.of(rpo.get(channel).compareTo(rpoObjectives.get(channel)) <= 0);
  }

  /** Empty when no channel was measured; else whether every measured channel met its objective. */
  public Optional<Boolean> rpoMet() {
    if (rpo.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(rpo.keySet().stream().allMatch(ch -> rpoMet(ch).orElse(false)));
  }
}
