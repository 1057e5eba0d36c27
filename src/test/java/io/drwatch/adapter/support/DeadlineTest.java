package io.drwatch.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
  @Test
  void shouldPassOnlyWhenTheInjectedClockReachesIt() {
    PollTest.HandClock clock = new PollTest.HandClock();
    Deadline d = Deadline.after(Duration.ofSeconds(30), clock);
    assertThat(d.passed()).isFalse();
    assertThat(d.remaining()).isEqualTo(Duration.ofSeconds(30));
    clock.advance(Duration.ofSeconds(29));
    assertThat(d.passed()).isFalse();
    clock.advance(Duration.ofSeconds(1));
    assertThat(d.passed()).isTrue();
    clock.advance(Duration.ofSeconds(5));
    assertThat(d.remaining()).isEqualTo(Duration.ZERO);
  }
}
