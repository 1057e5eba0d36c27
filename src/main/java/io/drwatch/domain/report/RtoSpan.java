package io.drwatch.domain.report;

import java.time.Duration;
import java.util.Optional;

/**
 * The projected RTO over one bucket: its worst finite value, and how long it was infinite (a
 * readiness blocker: the failover could not complete).
 *
 * @param start bucket start, epoch seconds
 * @param seconds observed seconds
 * @param infiniteSeconds of those, seconds the projection was infinite
 * @param maxMs the worst finite projection in ms; -1 when every second was infinite
 * @param objectiveMs the RTO objective in ms then in force
 */
public record RtoSpan(long start, long seconds, long infiniteSeconds, long maxMs, long objectiveMs) {

  public RtoSpan {
    if (seconds < 1 || infiniteSeconds < 0 || infiniteSeconds > seconds) {
      throw new IllegalArgumentException("RTO span at " + start + ": seconds " + seconds
          + ", infinite " + infiniteSeconds + " do not fit");
    }
  }

  /** One second: {@code projected} empty means infinite. */
  public static RtoSpan sample(long second, Optional<Duration> projected, Duration objective) {
    return new RtoSpan(second, 1, projected.isEmpty() ? 1 : 0,
        projected.map(Duration::toMillis).orElse(-1L), objective.toMillis());
  }

  public boolean infinite() {
    return infiniteSeconds > 0;
  }

  public RtoSpan plus(RtoSpan o) {
    return new RtoSpan(start, seconds + o.seconds, infiniteSeconds + o.infiniteSeconds,
        Math.max(maxMs, o.maxMs), o.objectiveMs);
  }
}
