package io.drwatch.domain.lag;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PrimaryClockTest {
  // The observer's monotonic clock has an arbitrary origin: nothing may depend on it.
  private static final long ORIGIN = 987_654_321_000L;
  private final Instant stamped = Instant.parse("2026-12-01T10:00:00.500Z");

  @Test
  void shouldMapALaterReadToAPrimaryWindowAsWideAsTheWritesRoundTripPlusTheRead() {
    // Write sent at +0 ms, primary stamped it, answer at +4 ms; read from +100 ms to +103 ms.
    PrimaryClock clock = new PrimaryClock(stamped, ORIGIN, ORIGIN + 4_000_000);
    ReadTiming read = clock.read(ORIGIN + 100_000_000, ORIGIN + 103_000_000, Optional.empty());
    // The stamp happened between +0 and +4: the read started after stamp + 96 and ended by stamp + 103.
    assertThat(read.from()).isEqualTo(stamped.plusMillis(96));
    assertThat(read.by()).isEqualTo(stamped.plusMillis(103));
  }

  @Test
  void shouldKeepTheReplayTimestampAsTheReplicaReportedIt() {
    PrimaryClock clock = new PrimaryClock(stamped, 0, 1_000_000);
    Instant replayed = stamped.minusMillis(40);
    assertThat(clock.read(5_000_000, 6_000_000, Optional.of(replayed)).replayedAt()).contains(replayed);
  }

  @Test
  void shouldNarrowTheWindowToTheBestRoundTripOfSeveralWrites() {
    // True offset: primary = observer + 1 s. Write A waited 10 ms before the stamp, 1 ms after;
    // write B, 200 ms later, 1 ms before and 10 ms after.
    PrimaryClock a = new PrimaryClock(Instant.ofEpochSecond(1).plusMillis(10), 0, 11_000_000);
    PrimaryClock b = new PrimaryClock(Instant.ofEpochSecond(1).plusMillis(201), 200_000_000, 211_000_000);
    PrimaryClock both = b.narrowedBy(a);
    ReadTiming read = both.read(300_000_000, 300_000_000, Optional.empty());
    assertThat(read.from()).isEqualTo(Instant.ofEpochSecond(1).plusMillis(299));
    assertThat(read.by()).isEqualTo(Instant.ofEpochSecond(1).plusMillis(301));
  }

  @Test
  void shouldIgnoreAWriteWhoseClockDisagrees() {
    PrimaryClock now = new PrimaryClock(stamped, 0, 1_000_000);
    PrimaryClock stepped = new PrimaryClock(stamped.minusSeconds(5), 0, 1_000_000);
    assertThat(now.narrowedBy(stepped)).isEqualTo(now);
  }
}
