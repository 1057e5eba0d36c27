package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.lag.LinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReplicationSignalTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration FRESH = Duration.ofSeconds(3);

  private static ChannelStatus status(String name, ChannelCondition c, LinkState link, int ageSeconds) {
    ChannelSpec spec = new ChannelSpec(
        name, ChannelKind.POSTGRES, Duration.ofSeconds(1), Duration.ofSeconds(1), 3);
    return new ChannelStatus(spec, c, Optional.of(Duration.ofSeconds(1)), spec.interval(),
        Optional.empty(), link, 10, 9, Optional.empty(), Optional.empty(), "why " + c,
        NOW.minusSeconds(ageSeconds), Duration.ZERO, true, 5, Optional.empty(), false, Optional.empty());
  }

  @Test
  void shouldVoteWhenThePrimaryIsUnreachableAndTheReplicaLostIt() {
    FamilySignal s = ReplicationSignal.of(List.of(status(
        "orders-db", ChannelCondition.SOURCE_UNREACHABLE, LinkState.DOWN, 0)), true, NOW, FRESH);

    assertThat(s.stands(NOW)).isTrue();
    assertThat(s.summary()).isEqualTo(
        "dead primary: every replica lost it (orders-db SOURCE_UNREACHABLE, link down)");
    assertThat(s.votes()).singleElement().satisfies(v -> {
      assertThat(v.subject()).isEqualTo("orders-db");
      assertThat(v.detail()).isEqualTo("orders-db SOURCE_UNREACHABLE: why SOURCE_UNREACHABLE");
    });
  }

  @Test
  void shouldNotVoteWhenThePrimaryIsUnreachableButTheReplicaStillStreams() {
    // orchestrator's UnreachableMaster: not actionable.
    FamilySignal s = ReplicationSignal.of(List.of(status(
        "orders-db", ChannelCondition.SOURCE_UNREACHABLE, LinkState.UP, 0)), true, NOW, FRESH);

    assertThat(s.stands(NOW)).isFalse();
    assertThat(s.summary()).isEqualTo(
        "not every replica lost the primary (orders-db SOURCE_UNREACHABLE)");
  }

  @Test
  void shouldNotVoteUnlessEveryReplicaLostIt() {
    FamilySignal s = ReplicationSignal.of(List.of(
        status("orders-db", ChannelCondition.SOURCE_UNREACHABLE, LinkState.DOWN, 0),
        status("orders-db-2", ChannelCondition.SOURCE_UNREACHABLE, LinkState.UP, 0)), true, NOW, FRESH);

    assertThat(s.stands(NOW)).isFalse();
    assertThat(s.summary()).isEqualTo("not every replica lost the primary"
        + " (orders-db SOURCE_UNREACHABLE, link down; orders-db-2 SOURCE_UNREACHABLE)");
  }

  @Test
  void shouldNotVoteWhileThePrimaryIsReachableEvenIfTheReplicaLostIt() {
    FamilySignal s = ReplicationSignal.of(List.of(
        status("orders-db", ChannelCondition.BROKEN, LinkState.DOWN, 0),
        status("sessions", ChannelCondition.STALLED, LinkState.UP, 1)), false, NOW, FRESH);

    assertThat(s.votes()).isEmpty();
    assertThat(s.summary()).isEqualTo(
        "orders-db BROKEN, link down; sessions STALLED; primary not suspected: not counted");
  }

  @Test
  void shouldNotCountAStalledReplicaWhoseLinkIsUp() {
    FamilySignal s = ReplicationSignal.of(List.of(
        status("orders-db", ChannelCondition.STALLED, LinkState.UP, 0)), true, NOW, FRESH);

    assertThat(s.stands(NOW)).isFalse();
  }

  @Test
  void shouldNotVoteOnLaggingUnknownOrUnreadableReplicas() {
    FamilySignal s = ReplicationSignal.of(List.of(
        status("orders-db", ChannelCondition.LAGGING, LinkState.UP, 0),
        status("sessions", ChannelCondition.UNKNOWN, LinkState.UNKNOWN, 0),
        status("search", ChannelCondition.REPLICA_UNREACHABLE, LinkState.UNKNOWN, 0)), false, NOW, FRESH);

    assertThat(s.stands(NOW)).isFalse();
    assertThat(s.summary())
        .isEqualTo("orders-db LAGGING, sessions UNKNOWN, search REPLICA_UNREACHABLE");
  }

  @Test
  void shouldNotLetAStaleStatusVote() {
    FamilySignal s = ReplicationSignal.of(List.of(
        status("orders-db", ChannelCondition.SOURCE_UNREACHABLE, LinkState.DOWN, 4)), true, NOW, FRESH);

    assertThat(s.stands(NOW)).isFalse();
    assertThat(s.summary()).isEqualTo("not every replica lost the primary"
        + " (orders-db SOURCE_UNREACHABLE, link down (stale))");
  }

  @Test
  void shouldMoveWallStampsOntoTheTimeLine() {
    // The wall clock was stepped back 1h: the status is 1 s old, not 1 h from the future.
    ChannelStatus s = status("orders-db", ChannelCondition.SOURCE_UNREACHABLE, LinkState.DOWN, 1);
    Instant line = NOW.plus(Duration.ofHours(1));
    FamilySignal signal = ReplicationSignal.of(List.of(s), true, line, FRESH, Duration.ofHours(1));

    assertThat(signal.stands(line)).isTrue();
    assertThat(signal.stands(line.plusSeconds(3))).isFalse();
  }

  @Test
  void shouldSayWhenNoChannelIsMapped() {
    assertThat(ReplicationSignal.of(List.of(), true, NOW, FRESH).summary()).isEqualTo("no channels mapped");
  }
}
