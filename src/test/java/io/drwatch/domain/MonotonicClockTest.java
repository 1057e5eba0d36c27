package io.drwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonotonicClockTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void shouldAdvanceByMonotonicTimeOnlyWhateverTheWallClockDoes() {
    AtomicLong nanos = new AtomicLong(42);
    Clock[] wall = {Clock.fixed(T0, ZoneOffset.UTC)};
    MonotonicClock line = MonotonicClock.anchored(wall[0], nanos::get);

    nanos.addAndGet(Duration.ofSeconds(3).toNanos());
    wall[0] = Clock.fixed(T0.minus(Duration.ofHours(1)), ZoneOffset.UTC); // stepped back

    assertThat(line.instant()).isEqualTo(T0.plusSeconds(3));
  }
}
