package io.drwatch.domain.runbook;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long a failover would take if the outage began now: detection plus the critical path.
 *
 * @param total empty when a readiness blocker makes the failover impossible (+Inf)
 * @param detection time to declare the outage, included in total
 * @param steps every step in run order, with its projected duration and where it came from
 * @param criticalPath the longest chain by projected durations (computed even when infinite)
 * @param reasons readiness facts that changed the projection, one line each
 * @param verdict one line for logs, {@code drwatch plan} and the status API
 */
public record RtoProjection(
    Optional<Duration> total,
    Duration detection,
    List<StepProjection> steps,
    CriticalPath criticalPath,
    List<String> reasons,
    String verdict) {

  /** Where a step's estimate came from. */
  public enum Basis {
    /** The p95 of its measured durations. */
    MEASURED,
    /** Its configured {@code expected}: fewer than {@link RtoProjector#MIN_SAMPLES} measured. */
    EXPECTED
  }

  /**
   * @param projected estimate plus penalty: what the critical path uses
   * @param samples how many measured durations were considered
   */
  public record StepProjection(String step, Duration projected, Duration estimate, Basis basis,
      int samples, Duration penalty) {

    /** {@code 5s (p95 of 4)}, {@code 10s (expected)}, {@code 40s (expected 10s + 30s penalty)}. */
    public String text() {
      String basisText = basis == Basis.MEASURED ? "p95 of " + samples : "expected";
      if (penalty.isZero()) {
        return Texts.duration(projected) + " (" + basisText + ")";
      }
      return Texts.duration(projected) + " (" + basisText + " " + Texts.duration(estimate)
          + " + " + Texts.duration(penalty) + " penalty)";
    }
  }

  public RtoProjection {
    steps = List.copyOf(steps);
    reasons = List.copyOf(reasons);
  }

  public boolean isInfinite() {
    return total.isEmpty();
  }

  /** The total in seconds for a gauge: {@code +Inf} when infinite, as Prometheus expects. */
  public double totalSeconds() {
    return total.map(d -> d.toMillis() / 1000.0).orElse(Double.POSITIVE_INFINITY);
  }

  /** Projected duration per step id, in run order: {@code drwatch_rto_step_projected_seconds}. */
  public Map<String, Duration> perStep() {
    Map<String, Duration> map = new LinkedHashMap<>();
    steps.forEach(s -> map.put(s.step(), s.projected()));
    return Collections.unmodifiableMap(map);
  }
}
