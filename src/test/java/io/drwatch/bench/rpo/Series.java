package io.drwatch.bench.rpo;

import java.util.ArrayList;
import java.util.List;

/**
 * One tool's samples in one scenario against the known truth: the figure it reports (for drwatch
 * the upper bound) and, for drwatch, the lower bound, so the bracket can be checked.
 */
final class Series {
  final String tool;
  final List<double[]> samples = new ArrayList<>(); // {truth, value, lower or NaN}
  int missing;

  Series(String tool) {
    this.tool = tool;
  }

  void add(double truth, double value, double lower) {
    samples.add(new double[] {truth, value, lower});
  }

  double medianAbsError() {
    double[] e = samples.stream().mapToDouble(s -> Math.abs(s[1] - s[0])).sorted().toArray();
    return e.length == 0 ? Double.NaN : e[e.length / 2];
  }

  double medianError(int column) {
    double[] e = samples.stream().mapToDouble(s -> s[column] - s[0]).sorted().toArray();
    return e.length == 0 ? Double.NaN : e[e.length / 2];
  }

  double max() {
    return samples.stream().mapToDouble(s -> s[1]).max().orElse(Double.NaN);
  }

  /** Share of samples with the truth in [lower, upper]; NaN for tools without a lower bound. */
  double bracketHolds() {
    if (samples.isEmpty() || Double.isNaN(samples.get(0)[2])) {
      return Double.NaN;
    }
    // 20 ms: the replica's own apply latency on top of the configured delay, as in the ITs.
    long in = samples.stream().filter(s -> s[2] <= s[0] + 0.02 && s[0] - 0.02 <= s[1]).count();
    return 100.0 * in / samples.size();
  }
}
