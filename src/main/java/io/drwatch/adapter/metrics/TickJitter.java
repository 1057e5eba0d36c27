package io.drwatch.adapter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * Probe-tick jitter of all channels, as p50 and p99 over the current and the previous minute.
 * A plain array of 1 ms buckets (up to 10 s, then one overflow bucket): recorded 10,000 times a
 * second on the event loop, so one increment each, where a registry timer with percentiles cost
 * 6% of the loop at 10,000 channels.
 */
final class TickJitter {
  private static final int BUCKETS = 10_001;
  private static final long WINDOW_NANOS = 60_000_000_000L;

  private final LongSupplier nanoTime;
  private long[] current = new long[BUCKETS];
  private long[] previous = new long[BUCKETS];
  private long windowStart;

  TickJitter(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.windowStart = nanoTime.getAsLong();
  }

  void bindTo(MeterRegistry registry) {
    for (double q : new double[] {0.5, 0.99}) {
      Gauge.builder(MetricNames.PROBE_TICK_JITTER, this, j -> j.quantile(q)).baseUnit(MetricNames.SECONDS)
          .tag("quantile", Double.toString(q)).description(Descriptions.of(MetricNames.PROBE_TICK_JITTER))
          .register(registry);
    }
  }

  synchronized void record(long nanos) {
    rotate();
    current[(int) Math.min(BUCKETS - 1, Math.max(0, nanos / 1_000_000))]++;
  }

  /** The upper edge of the bucket holding quantile {@code q}, in seconds; NaN before any tick. */
  synchronized double quantile(double q) {
    rotate();
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += current[i] + previous[i];
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += current[i] + previous[i];
      if (seen >= rank) {
        return i == BUCKETS - 1 ? Double.POSITIVE_INFINITY : (i + 1) / 1000.0;
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private void rotate() {
    long windows = (nanoTime.getAsLong() - windowStart) / WINDOW_NANOS;
    if (windows > 0) {
      long[] cleared = previous;
      java.util.Arrays.fill(cleared, 0);
      previous = windows == 1 ? current : cleared;
      current = windows == 1 ? cleared : new long[BUCKETS];
      windowStart += windows * WINDOW_NANOS;
    }
  }
}
