package io.drwatch.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.runbook.CriticalPath;
import io.drwatch.domain.runbook.RtoProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ObjectiveHealthTest {
  private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");
  private static final ChannelSpec SPEC = new ChannelSpec("orders-db", ChannelKind.POSTGRES,
      Duration.ofSeconds(1), Duration.ofSeconds(2), 3);
  private static final Duration RTO_OBJECTIVE = Duration.ofMinutes(15);

  private static ChannelStatus status(ChannelCondition c, Optional<Duration> rpo, Instant at, long rounds) {
    return new ChannelStatus(SPEC, c, rpo, SPEC.interval(), rpo, LinkState.UP, 10, 9,
        Optional.of(at), Optional.empty(), "verdict of " + c, at, Duration.ZERO, true, rounds,
        Optional.empty(), false, Optional.empty());
  }

  private static ChannelStatus healthy() {
    return status(ChannelCondition.HEALTHY, Optional.of(Duration.ofMillis(300)), NOW.minusSeconds(1), 5);
  }

  private static Optional<RtoProjection> rto(Duration total) {
    return Optional.of(new RtoProjection(Optional.ofNullable(total), Duration.ofSeconds(10), List.of(),
        new CriticalPath(List.of(), Duration.ZERO), total == null ? List.of("replica down") : List.of(), "v"));
  }

  @Test
  void shouldMeetTheObjectiveOnlyWhenHealthyRecentAndWithinIt() {
    assertThat(ObjectiveHealth.channel(healthy(), NOW).meets()).isTrue();
    assertThat(ObjectiveHealth.channel(status(ChannelCondition.LAGGING,
        Optional.of(Duration.ofSeconds(3)), NOW, 5), NOW).reason())
        .isEqualTo("orders-db is LAGGING: verdict of LAGGING");
    assertThat(ObjectiveHealth.channel(status(ChannelCondition.UNKNOWN, Optional.empty(), NOW, 0), NOW)
        .meets()).isFalse();
    // 3 intervals + 5 s of slack: 8 s old is still an answer, 9 s is a stuck probe loop.
    assertThat(ObjectiveHealth.channel(status(ChannelCondition.HEALTHY,
        Optional.of(Duration.ZERO), NOW.minusSeconds(8), 5), NOW).meets()).isTrue();
    ObjectiveHealth.Channel stale = ObjectiveHealth.channel(status(ChannelCondition.HEALTHY,
        Optional.of(Duration.ZERO), NOW.minusSeconds(9), 5), NOW);
    assertThat(stale.meets()).isFalse();
    assertThat(stale.reason()).isEqualTo("orders-db: last probe round 9s ago");
  }

  @Test
  void shouldBeReadyOnlyWithEveryChannelMeetingAndTheRtoWithinObjective() {
    assertThat(ObjectiveHealth.standby(List.of(healthy()), rto(Duration.ofMinutes(3)), RTO_OBJECTIVE, NOW)
        .ready()).isTrue();
    assertThat(ObjectiveHealth.standby(List.of(healthy()), rto(Duration.ofMinutes(16)), RTO_OBJECTIVE, NOW)
        .reasons()).containsExactly("projected RTO 16m above objective 15m");
    assertThat(ObjectiveHealth.standby(List.of(healthy()), rto(null), RTO_OBJECTIVE, NOW).reasons())
        .containsExactly("projected RTO is infinite: replica down");
    assertThat(ObjectiveHealth.standby(List.of(healthy()), Optional.empty(), RTO_OBJECTIVE, NOW).ready())
        .isFalse();
    ChannelStatus lagging = status(ChannelCondition.LAGGING, Optional.of(Duration.ofSeconds(3)), NOW, 5);
    assertThat(ObjectiveHealth.standby(List.of(healthy(), lagging), rto(Duration.ofMinutes(3)),
        RTO_OBJECTIVE, NOW).reasons()).containsExactly("orders-db is LAGGING: verdict of LAGGING");
  }
}
