package io.drwatch.domain.runbook;

import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.RtoProjection.Basis;
import io.drwatch.domain.runbook.RtoProjection.StepProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Projected RTO = detection time + the critical path of the runbook, over per-step estimates.
 *
 * <p>A step's estimate is the p95 (nearest rank: always a duration that really happened) of its
 * latest {@link #WINDOW} measured durations, finished attempts of drills and real runs alike, once
 * there are at least {@link #MIN_SAMPLES}; before that its configured {@code expected}. Three
 * samples make the p95 their maximum, which errs high while data is thin; the window lets an old
 * slow measurement age out after the infrastructure changed.
 *
 * <p>Readiness penalties add to a named step; any {@link Readiness.Unavailable} makes the total
 * infinite, with its reason, because no amount of waiting completes that failover.
 */
public final class RtoProjector {
  public static final int MIN_SAMPLES = 3;
  public static final int WINDOW = 20;

  private RtoProjector() {}

  /** {@code failuresToSuspect × interval + holdFor}: probe failures, then the quorum's hold. */
  public static Duration detectionTime(int failuresToSuspect, Duration interval,
      Duration holdFor) {
    return interval.multipliedBy(failuresToSuspect).plus(holdFor);
  }

  /**
   * @param history step records of past runs (drills and real ones); only FINISHED ones with
   *     both timestamps count
   * @param readiness live penalties and blockers; a penalty for a step not in the runbook is
   *     reported in the reasons and otherwise ignored
   */
  public static RtoProjection project(Runbook runbook, Duration detection,
      List<StepRecord> history, List<Readiness> readiness) {
    Map<String, List<StepRecord>> measured = history.stream()
        // A negative duration means the wall clock stepped back mid-step: not a measurement.
        .filter(r -> r.state() == StepState.FINISHED
            && r.duration().filter(d -> !d.isNegative()).isPresent())
        .collect(Collectors.groupingBy(StepRecord::step));
    Map<String, Duration> penalties = new HashMap<>();
    List<String> reasons = new ArrayList<>();
    List<String> blockers = new ArrayList<>();
    for (Readiness r : readiness) {
      if (r instanceof Readiness.Unavailable u) {
        blockers.add(u.reason());
        reasons.add(u.reason());
      } else if (r instanceof Readiness.Penalty p && runbook.contains(p.step())) {
        penalties.merge(p.step(), p.extra(), Duration::plus);
        reasons.add(p.reason() + " (+" + Texts.duration(p.extra()) + " on " + p.step() + ")");
      } else if (r instanceof Readiness.Penalty p) {
        reasons.add(p.reason() + " (ignored: no step " + p.step() + ")");
      }
    }
    List<StepProjection> steps = new ArrayList<>();
    Map<String, Duration> projected = new LinkedHashMap<>();
    for (StepSpec spec : runbook.order()) {
      StepProjection s = step(spec, measured.getOrDefault(spec.id(), List.of()),
          penalties.getOrDefault(spec.id(), Duration.ZERO));
      steps.add(s);
      projected.put(s.step(), s.projected());
    }
    CriticalPath path = runbook.criticalPath(projected);
    if (!blockers.isEmpty()) {
      return new RtoProjection(Optional.empty(), detection, steps, path, reasons,
          "projected RTO +Inf: " + String.join("; ", blockers));
    }
    Duration total = detection.plus(path.total());
    String verdict = "projected RTO " + Texts.duration(total) + " = detection "
        + Texts.duration(detection) + " + critical path " + Texts.duration(path.total()) + " ("
        + path.text() + ")" + (reasons.isEmpty() ? "" : "; " + String.join("; ", reasons));
    return new RtoProjection(Optional.of(total), detection, steps, path, reasons,
        verdict);
  }

  private static StepProjection step(StepSpec spec, List<StepRecord> records, Duration penalty) {
    List<Duration> recent = records.stream()
        .sorted(Comparator.comparing((StepRecord r) -> r.endedAt().orElse(Instant.MIN)).reversed())
        .limit(WINDOW)
        .map(r -> r.duration().orElseThrow())
        .toList();
    if (recent.size() < MIN_SAMPLES) {
      return new StepProjection(spec.id(), spec.expected().plus(penalty), spec.expected(),
          Basis.EXPECTED, recent.size(), penalty);
    }
    Duration p95 = p95(recent);
    return new StepProjection(spec.id(), p95.plus(penalty), p95, Basis.MEASURED, recent.size(),
        penalty);
  }

  /** Nearest-rank 95th percentile: the value at rank ceil(0.95 × n), 1-based. */
  static Duration p95(List<Duration> samples) {
    List<Duration> sorted = samples.stream().sorted().toList();
    // Integer ceiling: 0.95 * n in floating point can land just above a whole number.
    int rank = (95 * sorted.size() + 99) / 100;
    return sorted.get(Math.max(rank, 1) - 1);
  }
}
