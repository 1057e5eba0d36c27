package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.testkit.Await;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Both RPO bounds of one channel, one sample per probe round, checked against a known truth: the
 * promise of docs/rpo-model.md. The upper bound never understates (20 ms slack for the replica's
 * own apply latency) and errs high by at most one interval (plus 50 ms of timer jitter); the lower
 * bound never overstates.
 */
final class BracketSamples {
  private static final double SLACK = 0.020;
  private static final double JITTER = 0.050;

  record Sample(double upper, double lower) {}

  private BracketSamples() {}

  static List<Sample> take(Supplier<ChannelStatus> status, Duration span) {
    List<Sample> out = new ArrayList<>();
    Instant end = Instant.now().plus(span);
    long lastRound = -1;
    while (Instant.now().isBefore(end)) {
      ChannelStatus s = status.get();
      if (s.rounds() != lastRound && s.rpo().isPresent() && s.rpoLower().isPresent()) {
        out.add(new Sample(s.rpo().get().toNanos() / 1e9, s.rpoLower().get().toNanos() / 1e9));
        lastRound = s.rounds();
      }
      Await.pause(Duration.ofMillis(20));
    }
    return out;
  }

  static void assertHold(String what, List<Sample> samples, double truth, Duration interval) {
    double i = interval.toMillis() / 1000.0;
    System.out.printf("%s: n=%d truth=%.3fs upper-truth median %+.3fs min %+.3fs max %+.3fs; "
            + "lower-truth median %+.3fs max %+.3fs%n", what, samples.size(), truth,
        median(samples, true) - truth, samples.stream().mapToDouble(Sample::upper).min().orElse(0) - truth,
        samples.stream().mapToDouble(Sample::upper).max().orElse(0) - truth,
        median(samples, false) - truth, samples.stream().mapToDouble(Sample::lower).max().orElse(0) - truth);
    assertThat(samples).as(what + ": samples").hasSizeGreaterThan(10);
    assertThat(samples).as(what + ": upper >= truth - 20 ms").allMatch(s -> s.upper() >= truth - SLACK);
    assertThat(samples).as(what + ": upper <= truth + interval + 50 ms")
        .allMatch(s -> s.upper() <= truth + i + JITTER);
    assertThat(samples).as(what + ": lower <= truth + 20 ms").allMatch(s -> s.lower() <= truth + SLACK);
    assertThat(samples).as(what + ": lower <= upper").allMatch(s -> s.lower() <= s.upper());
  }

  private static double median(List<Sample> samples, boolean upper) {
    double[] xs = samples.stream().mapToDouble(s -> upper ? s.upper() : s.lower()).sorted().toArray();
    return xs.length == 0 ? Double.NaN : xs[xs.length / 2];
  }
}
