package io.drwatch.bench.detection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Nearest-rank percentiles of millisecond samples, formatted for the table. */
public final class Stats {
  private Stats() {}

  public static long pct(List<Long> samples, int p) {
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i));
  }

  /** "1.23 s", or "—" without samples. */
  static String seconds(List<Long> samples, int p) {
    return samples.isEmpty() ? "—" : secs(pct(samples, p));
  }

  static String secs(long ms) {
    return String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
  }
}
