package io.drwatch.bench.rpo;

import java.util.List;

/** The bench's markdown table: one row per scenario and tool. */
final class Report {
  private Report() {}

  static String markdown(List<Series> rows) {
    StringBuilder md = new StringBuilder("""
        | scenario | tool | samples | median abs error | upper − truth (median) | lower − truth (median) \
        | truth in [lower, upper] ±20 ms | max | time to flag |
        |---|---|---|---|---|---|---|---|---|
        """);
    for (Series s : rows) {
      String[] name = s.tool.split("\\|");
      if (!s.samples.isEmpty() && Double.isNaN(s.samples.get(0)[0])) {
        double t = s.samples.get(0)[1];
        md.append("| %s | %s | | | | | | | %s |%n".formatted(name[0], name[1],
            Double.isNaN(t) ? "not within 30 s" : "%.1f s".formatted(t)));
        continue;
      }
      md.append("| %s | %s | %d%s | %s | %s | %s | %s | %s | |%n".formatted(name[0], name[1], s.samples.size(),
          s.missing > 0 ? " (" + s.missing + " missing)" : "", ms(s.medianAbsError()), signed(s.medianError(1)),
          signed(s.medianError(2)), pct(s.bracketHolds()), ms(s.max())));
    }
    return md.toString();
  }

  private static String ms(double seconds) {
    return Double.isNaN(seconds) ? "–" : "%.0f ms".formatted(seconds * 1000);
  }

  private static String signed(double seconds) {
    return Double.isNaN(seconds) ? "–" : "%+.0f ms".formatted(seconds * 1000);
  }

  private static String pct(double p) {
    return Double.isNaN(p) ? "–" : "%.1f %%".formatted(p);
  }
}
