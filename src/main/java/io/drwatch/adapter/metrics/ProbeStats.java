package io.drwatch.adapter.metrics;

/**
 * Count, sum and recent max of one channel's probe rounds of one outcome: the numbers a
 * Micrometer timer exports, kept in three fields instead of a registered meter, because a
 * registry lookup per round and a meter per series dominated at thousands of channels. The max
 * covers the current and the previous minute, like the registry's decaying max.
 */
final class ProbeStats {
  private static final long WINDOW_NANOS = 60_000_000_000L;

  private long count;
  private long sumNanos;
  private long maxNanos;
  private long previousMaxNanos;
  private long windowStart;

  synchronized void record(long nanos, long nowNanos) {
    rotate(nowNanos);
    count++;
    sumNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
  }

  synchronized long count() {
    return count;
  }

  synchronized long sumNanos() {
    return sumNanos;
  }

  synchronized long maxNanos(long nowNanos) {
    rotate(nowNanos);
    return Math.max(maxNanos, previousMaxNanos);
  }

  double maxSeconds(long nowNanos) {
    return maxNanos(nowNanos) / 1e9;
  }

  private void rotate(long nowNanos) {
    if (windowStart == 0) {
      windowStart = nowNanos;
    }
    long windows = (nowNanos - windowStart) / WINDOW_NANOS;
    if (windows > 0) {
      previousMaxNanos = windows == 1 ? maxNanos : 0;
      maxNanos = 0;
      windowStart += windows * WINDOW_NANOS;
    }
  }
}
