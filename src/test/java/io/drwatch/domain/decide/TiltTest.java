package io.drwatch.domain.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Ticks with a virtual wall clock and a virtual monotonic clock that can disagree. */
class TiltTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration PERIOD = Duration.ofMillis(500);

  private final Tilt tilt = Tilt.withDefaults();
  private long monoMs;
  private long wallOffsetMs;

  private TiltStatus advance(long ms) {
    monoMs += ms;
    return tilt.tick(T0.plusMillis(monoMs + wallOffsetMs), monoMs * 1_000_000, PERIOD);
  }

  private void normalTicks(int n) {
    for (int i = 0; i < n; i++) {
      advance(PERIOD.toMillis());
    }
  }

  @Test
  void shouldStayNormalWithSmallJitter() {
    normalTicks(10);
    assertThat(advance(1900).tilted()).isFalse();
    wallOffsetMs += 1500;
    assertThat(advance(500).tilted()).isFalse();
    assertThat(tilt.status().reason()).isEqualTo("normal");
  }

  @Test
  void shouldTiltWhenTheWallClockJumpsEitherWay() {
    normalTicks(2);
    wallOffsetMs += 5000;
    TiltStatus s = advance(500);

    assertThat(s.tilted()).isTrue();
    assertThat(s.changed()).isTrue();
    assertThat(s.reason()).isEqualTo("wall clock jumped 5s ahead of monotonic time");

    Tilt other = Tilt.withDefaults();
    other.tick(T0, 0, PERIOD);
    assertThat(other.tick(T0.minusSeconds(2), 500_000_000L, PERIOD).reason())
        .isEqualTo("wall clock jumped 2.5s back against monotonic time");
  }

  @Test
  void shouldTiltWhenTheLoopStalls() {
    normalTicks(2);
    TiltStatus s = advance(2000);

    assertThat(s.tilted()).isTrue();
    assertThat(s.reason()).isEqualTo("decision loop stalled: 2s between ticks (expected 500ms)");
  }

  @Test
  void shouldAllowTwoPeriodsForASlowLoop() {
    Tilt slow = Tilt.withDefaults();
    slow.tick(T0, 0, Duration.ofSeconds(5));
    assertThat(slow.tick(T0.plusSeconds(9), 9_000_000_000L, Duration.ofSeconds(5)).tilted()).isFalse();
    assertThat(slow.tick(T0.plusSeconds(19), 19_000_000_000L, Duration.ofSeconds(5)).tilted()).isTrue();
  }

  @Test
  void shouldLeaveOnlyAfterThirtySecondsOfNormalTicksAndRestartOnANewAnomaly() {
    normalTicks(1);
    advance(3000);
    normalTicks(40);
    assertThat(tilt.status().tilted()).isTrue();
    assertThat(tilt.status().normalFor()).isEqualTo(Duration.ofSeconds(20));
    advance(2500);
    normalTicks(59);
    assertThat(tilt.status().tilted()).isTrue();

    TiltStatus left = advance(500);
    assertThat(left.tilted()).isFalse();
    assertThat(left.changed()).isTrue();
    assertThat(left.verdictLine()).isEqualTo("tilt off: normal for 30s after: "
        + "decision loop stalled: 2.5s between ticks (expected 500ms)");
    assertThat(advance(500).reason()).isEqualTo("normal");
  }

  @Test
  void shouldDistrustMonotonicTimeGoingBackwards() {
    tilt.tick(T0, 5_000_000_000L, PERIOD);
    assertThat(tilt.tick(T0, 4_000_000_000L, PERIOD).reason())
        .isEqualTo("monotonic time went backwards by 1s");
  }

  @Test
  void shouldJudgeClockJumpsAndStallsByTheirOwnThresholds() {
    Tilt lenient = new Tilt(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30));
    long mono = 0;
    lenient.tick(T0, mono, PERIOD);
    mono += 5_000_000_000L;
    assertThat(lenient.tick(T0.plusSeconds(5), mono, PERIOD).tilted())
        .as("a 5 s stall is below the 10 s stall threshold").isFalse();
    mono += 500_000_000L;
    TiltStatus jumped = lenient.tick(T0.plusSeconds(5).plusMillis(3500), mono, PERIOD);
    assertThat(jumped.tilted()).as("a 3 s clock jump is above the 2 s jump threshold").isTrue();
    assertThat(jumped.reason()).startsWith("wall clock jumped 3s ahead of");
  }
}
