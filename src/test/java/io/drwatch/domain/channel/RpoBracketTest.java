package io.drwatch.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.Outcome;
import io.drwatch.domain.lag.ReadTiming;
import io.drwatch.domain.lag.ReplicaView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The RPO bracket on a virtual timeline: a primary that commits drwatch's heartbeats and an
 * application writer's transactions, a replica that applies each commit exactly {@code delay}
 * after it (the truth), and reads at the phase the probe would use. Every round must hold the
 * truth inside {@code [rpoLower, rpo]}; the upper bound must not sit one whole interval high.
 */
class RpoBracketTest {
  private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
  private static final long I = 200;
  private static final double GOLDEN = 0.6180339887;

  private final ChannelSpec spec =
      new ChannelSpec("orders-db", ChannelKind.POSTGRES, Duration.ofMillis(I), Duration.ofSeconds(60), 3);

  /** One simulated run: rounds of (replica read, heartbeat write), errors of both bounds in ms. */
  private static final class Run {
    final List<Long> writes = new ArrayList<>();
    final List<Long> upperErr = new ArrayList<>();
    final List<Long> lowerErr = new ArrayList<>();
  }

  private Run run(long delay, long appWriterPeriod, boolean timed, int rounds) {
    ChannelTracker tracker = new ChannelTracker(spec, T0);
    Run run = new Run();
    for (int k = 1; k <= rounds; k++) {
      long tick = k * I + (k % 5) * 3; // a little timer jitter
      // Timed (PostgreSQL): the read happens on its own schedule, 20-80% of an interval after the
      // last write (as PgHeartbeatProbe does); untimed (Redis): right before this round's write.
      long read = timed && k > 1 ? run.writes.get(k - 2) + (long) ((0.2 + 0.6 * frac(k * GOLDEN)) * I)
          : tick;
      long write = Math.max(tick, read) + 2;
      Heartbeat visible = newestHeartbeatApplied(run.writes, read - delay);
      Optional<Instant> replayed = newestCommitApplied(run.writes, appWriterPeriod, read - delay);
      ReplicaView view = ReplicaView.of(visible, LinkState.UP, "streaming");
      if (timed) {
        view = view.withTiming(new ReadTiming(at(read - 1), at(read + 1), replayed));
      }
      run.writes.add(write);
      Heartbeat hb = new Heartbeat(k, at(write));
      ChannelStatus s = tracker.accept(new LagSample(at(write + 1), Outcome.ok(view), Outcome.ok(hb),
          Duration.ofMillis(write + 1 - tick))).status();
      if (k > 10 + delay / I && visible != null) {
        run.upperErr.add(s.rpo().orElseThrow().toMillis() - delay);
        run.lowerErr.add(s.rpoLower().orElseThrow().toMillis() - delay);
        assertThat(s.rpoEstimate()).isPresent();
      }
    }
    return run;
  }

  private static Heartbeat newestHeartbeatApplied(List<Long> writes, long appliedUpTo) {
    for (int i = writes.size() - 1; i >= 0; i--) {
      if (writes.get(i) <= appliedUpTo) {
        return new Heartbeat(i + 1, at(writes.get(i)));
      }
    }
    return null;
  }

  private static Optional<Instant> newestCommitApplied(List<Long> writes, long period, long appliedUpTo) {
    long newest = Long.MIN_VALUE;
    for (long w : writes) {
      newest = w <= appliedUpTo ? Math.max(newest, w) : newest;
    }
    if (period > 0 && appliedUpTo >= 0) {
      // The application writer's period drifts by a millisecond per commit, as a sleep loop does.
      long n = appliedUpTo / (period + 1);
      newest = Math.max(newest, n * (period + 1));
    }
    return newest == Long.MIN_VALUE ? Optional.empty() : Optional.of(at(newest));
  }

  private static Instant at(long ms) {
    return T0.plusMillis(ms);
  }

  private static double frac(double x) {
    return x - Math.floor(x);
  }

  private static long median(List<Long> xs) {
    List<Long> sorted = new ArrayList<>(xs);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void shouldHoldTheTruthInsideTheBracketInEveryRoundAtEveryDelay() {
    for (long delay : new long[] {0, 500, 2000, 3000, 5000}) {
      for (boolean timed : new boolean[] {true, false}) {
        Run run = run(delay, timed ? 200 : 0, timed, 400);
        assertThat(run.upperErr).as("upper - truth, delay %d timed %s", delay, timed)
            .isNotEmpty().allMatch(e -> e >= 0 && e <= I + 25);
        assertThat(run.lowerErr).as("lower - truth, delay %d timed %s", delay, timed)
            .allMatch(e -> e <= 0 && e >= -I - 25);
      }
    }
  }

  @Test
  void shouldNotSitOneIntervalHighWhenTheReplayTimestampIsReadOffPhase() {
    // Heartbeats alone, read right before each write, a delay that is a whole number of
    // intervals: the heartbeat of that many rounds ago is just not applied yet, one interval high.
    assertThat(median(run(3000, 0, false, 400).upperErr)).isGreaterThanOrEqualTo(I - 10);
    // Read between writes, with an application writer every 200 ms: about a quarter interval.
    Run timed = run(3000, 200, true, 400);
    assertThat(median(timed.upperErr)).isLessThanOrEqualTo(I / 2);
    assertThat(median(timed.lowerErr)).isGreaterThanOrEqualTo(-I);
  }

  @Test
  void shouldKeepTheUpperBoundWithinOneIntervalOnAnIdlePrimary() {
    Run idle = run(0, 0, true, 400);
    assertThat(Collections.max(idle.upperErr)).isLessThanOrEqualTo(I);
    assertThat(idle.lowerErr).allMatch(e -> e == 0);
  }

  @Test
  void shouldNeverLetAReplayTimestampFromTheFutureMakeTheUpperBoundNegative() {
    ChannelTracker tracker = new ChannelTracker(spec, T0);
    tracker.accept(sample(1, null, Optional.empty()));
    ChannelStatus s = tracker.accept(sample(2, new Heartbeat(1, at(I)), Optional.of(at(10 * I)))).status();
    assertThat(s.rpo()).contains(Duration.ZERO);
    assertThat(s.rpoLower()).contains(Duration.ZERO);
    assertThat(s.rpoEstimate()).contains(Duration.ZERO);
  }

  private static LagSample sample(int k, Heartbeat visible, Optional<Instant> replayed) {
    ReplicaView view = ReplicaView.of(visible, LinkState.UP, "streaming")
        .withTiming(new ReadTiming(at(k * I - 1), at(k * I + 1), replayed));
    return new LagSample(at(k * I + 3), Outcome.ok(view), Outcome.ok(new Heartbeat(k, at(k * I + 2))),
        Duration.ofMillis(3));
  }

  @Test
  void shouldForgetTheLowerBoundWhenTheReplicaCannotBeRead() {
    ChannelTracker tracker = new ChannelTracker(spec, T0);
    tracker.accept(sample(1, null, Optional.empty()));
    tracker.accept(sample(2, new Heartbeat(1, at(I)), Optional.empty()));
    ChannelStatus s = tracker.accept(new LagSample(at(3 * I + 3), Outcome.failed("timed out"),
        Outcome.ok(new Heartbeat(3, at(3 * I + 2))), Duration.ofMillis(3))).status();
    assertThat(s.rpo()).isPresent();
    assertThat(s.rpoLower()).isEmpty();
    assertThat(s.rpoEstimate()).isEmpty();
  }
}
