package io.drwatch.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelTracker.Transition;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.Outcome;
import io.drwatch.domain.lag.ReplicaView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Drives the tracker with a virtual timeline: the "primary" assigns seq and time, the "replica"
 * shows what was committed {@code delay} ago. No clock, no sleeping.
 */
class ChannelTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final Duration INTERVAL = Duration.ofMillis(200);

  private final ChannelSpec spec =
      new ChannelSpec("orders-db", ChannelKind.POSTGRES, INTERVAL, Duration.ofSeconds(1), 3);
  private final ChannelTracker tracker = new ChannelTracker(spec, T0);

  /** Round n at T0 + n*interval; the replica sees the heartbeat written lagRounds rounds ago. */
  private Transition round(int n, int lagRounds) {
    Instant now = T0.plus(INTERVAL.multipliedBy(n));
    Heartbeat written = beat(n);
    Heartbeat visible = n - 1 - lagRounds >= 1 ? beat(n - 1 - lagRounds) : null;
    return tracker.accept(new LagSample(now,
        Outcome.ok(ReplicaView.of(visible, LinkState.UP, "streaming")), Outcome.ok(written),
        Duration.ofMillis(3)));
  }

  private static Heartbeat beat(int seq) {
    return new Heartbeat(seq, T0.plus(INTERVAL.multipliedBy(seq)));
  }

  @Test
  void shouldStartUnknownAndBecomeHealthyWhenTheReplicaKeepsUp() {
    assertThat(tracker.status().condition()).isEqualTo(ChannelCondition.UNKNOWN);
    round(1, 0);
    assertThat(tracker.status().condition()).isEqualTo(ChannelCondition.UNKNOWN);
    Transition t = round(2, 0);
    assertThat(t.status().condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(t.status().rpo()).contains(INTERVAL);
    assertThat(t.change()).get().extracting(c -> c.verdictLine())
        .isEqualTo("orders-db UNKNOWN -> HEALTHY: rpo 200ms <= objective 1s");
  }

  @Test
  void shouldMeasureRpoAsTheWriterTimeGapBetweenCommittedAndVisible() {
    for (int n = 1; n <= 20; n++) {
      round(n, 10);
    }
    // Round 20's heartbeat: seq 20; visible: seq 9 -> 11 intervals. The estimate errs high by at
    // most one interval, never low.
    assertThat(tracker.status().rpo()).contains(Duration.ofMillis(2200));
    assertThat(tracker.status().condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(tracker.status().verdict()).isEqualTo("rpo 2.2s > objective 1s (resolution 200ms)");
    assertThat(tracker.status().replicaAge()).contains(Duration.ofMillis(2200));
  }

  @Test
  void shouldReportStalledWhenTheReplicaSeqFreezesForStallIntervals() {
    round(1, 0);
    round(2, 0);
    Heartbeat frozen = beat(1);
    Transition t = null;
    for (int n = 3; n <= 6; n++) {
      Instant now = T0.plus(INTERVAL.multipliedBy(n));
      t = tracker.accept(new LagSample(now,
          Outcome.ok(ReplicaView.of(frozen, LinkState.UP, "streaming")), Outcome.ok(beat(n)),
          Duration.ofMillis(2)));
      if (n < 5) {
        assertThat(t.status().condition()).isNotEqualTo(ChannelCondition.STALLED);
      }
    }
    // visible seq 1 first seen at round 2 (0.4 s); stalled from 0.4 + 3*0.2 = 1.0 s = round 5.
    assertThat(t.status().condition()).isEqualTo(ChannelCondition.STALLED);
    assertThat(t.status().verdict())
        .isEqualTo("replica seq 1 unchanged for 800ms while primary advanced to 6");
    assertThat(t.status().rpo()).contains(Duration.ofSeconds(1));
  }

  @Test
  void shouldReportBrokenFromTheReplicasOwnViewBeforeAnyStaleness() {
    round(1, 0);
    round(2, 0);
    Transition t = tracker.accept(new LagSample(T0.plus(INTERVAL.multipliedBy(3)),
        Outcome.ok(ReplicaView.of(beat(2), LinkState.DOWN, "no WAL receiver")), Outcome.ok(beat(3)),
        Duration.ofMillis(2)));
    assertThat(t.status().condition()).isEqualTo(ChannelCondition.BROKEN);
    assertThat(t.change()).get().extracting(c -> c.verdictLine())
        .isEqualTo("orders-db HEALTHY -> BROKEN: replica reports replication stopped: no WAL receiver");
  }

  @Test
  void shouldHoldTheLastRpoWhileThePrimaryIsUnreachable() {
    for (int n = 1; n <= 10; n++) {
      round(n, 3);
    }
    Duration before = tracker.status().rpo().orElseThrow();
    assertThat(before).isEqualTo(Duration.ofMillis(800));
    for (int n = 11; n <= 15; n++) {
      // The replica catches up with everything the primary committed; the primary is gone.
      tracker.accept(new LagSample(T0.plus(INTERVAL.multipliedBy(n)),
          Outcome.ok(ReplicaView.of(beat(10), LinkState.DOWN, "no WAL receiver")),
          Outcome.failed("Connection refused"), Duration.ofMillis(1)));
    }
    ChannelStatus s = tracker.status();
    assertThat(s.condition()).isEqualTo(ChannelCondition.SOURCE_UNREACHABLE);
    assertThat(s.rpo()).contains(before);
    assertThat(s.verdict()).isEqualTo("primary unreachable: Connection refused; rpo holds at 800ms");
    assertThat(s.lastError()).contains("Connection refused");
    assertThat(s.lastSuccess()).contains(T0.plus(INTERVAL.multipliedBy(10)));
  }

  @Test
  void shouldGrowRpoAgainstTheLastKnownReplicaWhileTheReplicaIsUnreachable() {
    round(1, 0);
    round(2, 0);
    for (int n = 3; n <= 8; n++) {
      tracker.accept(new LagSample(T0.plus(INTERVAL.multipliedBy(n)), Outcome.failed("timed out"),
          Outcome.ok(beat(n)), Duration.ofMillis(1)));
    }
    assertThat(tracker.status().condition()).isEqualTo(ChannelCondition.REPLICA_UNREACHABLE);
    // round 8's heartbeat: seq 8; last visible: seq 1.
    assertThat(tracker.status().rpo()).contains(Duration.ofMillis(1400));
  }

  @Test
  void shouldNeverReportNegativeRpoOrAgeWhenClocksDisagree() {
    round(1, 0);
    Heartbeat future = new Heartbeat(1, T0.plusSeconds(60));
    Transition t = tracker.accept(new LagSample(T0.plus(INTERVAL.multipliedBy(2)),
        Outcome.ok(ReplicaView.of(future, LinkState.UP, "")), Outcome.ok(beat(2)), Duration.ZERO));
    assertThat(t.status().rpo()).contains(Duration.ZERO);
    assertThat(t.status().replicaAge()).contains(Duration.ZERO);
  }
}
