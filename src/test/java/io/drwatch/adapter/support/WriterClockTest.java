package io.drwatch.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.lag.Heartbeat;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WriterClockTest {
  @Test
  void shouldKeepTheClocksTimeAndRaiseTheSequenceWhenTheClockStandsStillOrStepsBack() {
    AtomicLong ms = new AtomicLong(5_000);
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(ms.get());
      }
    };
    WriterClock writer = new WriterClock(clock);
    Heartbeat first = writer.next();
    Heartbeat same = writer.next(); // the same millisecond
    ms.set(4_000); // stepped back
    Heartbeat back = writer.next();
    ms.set(9_000);
    Heartbeat later = writer.next();
    assertThat(first).isEqualTo(new Heartbeat(5_000, Instant.ofEpochMilli(5_000)));
    assertThat(same).isEqualTo(new Heartbeat(5_001, Instant.ofEpochMilli(5_000)));
    assertThat(back).isEqualTo(new Heartbeat(5_002, Instant.ofEpochMilli(4_000)));
    assertThat(later).isEqualTo(new Heartbeat(9_000, Instant.ofEpochMilli(9_000)));
  }
}
