package io.drwatch.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void shouldBackOffExponentiallyWithinHalfToAllOfTheCeiling() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

    assertThat(b.ceilingMillis(0)).isEqualTo(100);
    assertThat(b.ceilingMillis(3)).isEqualTo(800);
    assertThat(b.ceilingMillis(5)).isEqualTo(2000);
    assertThat(b.ceilingMillis(500)).isEqualTo(2000);
    for (int attempt = 0; attempt < 40; attempt++) {
      long ceiling = b.ceilingMillis(attempt);
      long lowest = Long.MAX_VALUE;
      long highest = 0;
      for (int i = 0; i < 200; i++) {
        long d = b.delayMillis(attempt, random);
        assertThat(d).isBetween(ceiling / 2, ceiling);
        lowest = Math.min(lowest, d);
        highest = Math.max(highest, d);
      }
      assertThat(highest).as("jittered, not fixed").isGreaterThan(lowest);
    }
  }

  @Test
  void shouldRefuseABaseAboveTheCap() {
    assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
