package io.drwatch.domain.report;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Nearest-rank percentiles of RPO over time, each second weighing the same. A one-second span
 * contributes its exact value; a rolled-up one its histogram, each bucket at its upper edge capped
 * by the span's exact worst, so a percentile is never below the truth.
 */
final class Percentiles {
  private final TreeMap<Long, Long> weights = new TreeMap<>();
  private long total;
  private boolean exact = true;

  void add(Span s) {
    if (s.rpoSeconds() == 0) {
      return;
    }
    if (s.rpoSeconds() == 1) {
      put(s.rpoMaxMs(), 1);
      return;
    }
    exact = false;
    s.rpo().counts().forEach((k, n) -> put(Math.min(RpoHistogram.upper(k), s.rpoMaxMs()), n));
  }

  private void put(long ms, long n) {
    weights.merge(ms, n, Long::sum);
    total += n;
  }

  boolean exact() {
    return exact;
  }

  /** @param q in (0, 1] */
  Optional<Duration> at(double q) {
    if (total == 0) {
      return Optional.empty();
    }
    long rank = Math.max(1, (long) Math.ceil(q * total));
    long seen = 0;
    for (var e : weights.entrySet()) {
      seen += e.getValue();
      if (seen >= rank) {
        return Optional.of(Duration.ofMillis(e.getKey()));
      }
    }
    return Optional.of(Duration.ofMillis(weights.lastKey()));
  }

  static List<Optional<Duration>> of(Percentiles p) {
    return List.of(p.at(0.50), p.at(0.95), p.at(0.99));
  }
}
