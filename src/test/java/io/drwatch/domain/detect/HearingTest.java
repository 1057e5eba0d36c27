package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.decide.Majority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HearingTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  private static ObserverReport report(String observer, String target, int ageSeconds) {
    return new ObserverReport(observer, target, false, NOW.minusSeconds(ageSeconds),
        Duration.ofSeconds(3), "not suspected");
  }

  @Test
  void shouldAlwaysPutALoneObserverInTheMajority() {
    Majority m = Hearing.of("obs-a", 1, List.of(), NOW);

    assertThat(m.in()).isTrue();
    assertThat(m.verdictLine()).isEqualTo("majority: hears 1 of 1 observers");
  }

  @Test
  void shouldPutAPartitionedObserverInTheMinority() {
    Majority m = Hearing.of("obs-a", 3,
        List.of(report("obs-b", "db", 4), report("obs-c", "db", 9)), NOW);

    assertThat(m.in()).isFalse();
    assertThat(m.verdictLine()).isEqualTo("minority: hears 1 of 3 observers (obs-b, obs-c stale);"
        + " declares nothing, executes nothing");
  }

  @Test
  void shouldNeedBothOfTwoAndTwoOfThree() {
    assertThat(Hearing.of("obs-a", 2, List.of(), NOW).in()).isFalse();
    assertThat(Hearing.of("obs-a", 2, List.of(report("obs-b", "db", 0)), NOW).in()).isTrue();
    assertThat(Hearing.of("obs-a", 3, List.of(report("obs-b", "db", 0)), NOW).verdictLine())
        .isEqualTo("majority: hears 2 of 3 observers (1 peer never heard)");
  }

  @Test
  void shouldHearAPeerWhileAnyOfItsReportsIsFreshAndIgnoreItsOwnEcho() {
    Majority m = Hearing.of("obs-a", 3, List.of(report("obs-b", "db", 9),
        report("obs-b", "cache", 0), report("obs-a", "db", 0)), NOW);

    assertThat(m.hears()).isEqualTo(2);
    assertThat(m.stale()).isEmpty();
    assertThat(m.silent()).isEqualTo(1);
  }
}
