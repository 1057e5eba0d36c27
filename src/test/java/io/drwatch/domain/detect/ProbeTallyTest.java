package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.decide.FamilySignal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProbeTallyTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration FRESH = Duration.ofSeconds(3);

  private static ObserverReport report(String observer, boolean suspected, int ageSeconds) {
    return new ObserverReport(observer, "db-primary", suspected, NOW.minusSeconds(ageSeconds),
        FRESH, suspected ? "suspected" : "not suspected");
  }

  @Test
  void shouldLetALoneObserverBeAMajorityOfOne() {
    ProbeTally tally = ProbeTally.of("db-primary", 1, report("obs-a", true, 0), List.of(), NOW);

    assertThat(tally.majority()).isTrue();
    assertThat(tally.summary()).isEqualTo("1/1 suspect db-primary");
    assertThat(tally.signal().stands(NOW)).isTrue();
  }

  @Test
  void shouldNeedBothOfTwoObservers() {
    ProbeTally tally = ProbeTally.of(
        "db-primary", 2, report("obs-a", true, 0), List.of(report("obs-b", false, 1)), NOW);

    assertThat(tally.majority()).isFalse();
    assertThat(tally.signal().votes()).isEmpty();
    assertThat(tally.summary()).isEqualTo("1/2 suspect db-primary");
  }

  @Test
  void shouldStandOnTwoOfThree() {
    FamilySignal signal = ProbeTally.of("db-primary", 3, report("obs-a", true, 0),
        List.of(report("obs-b", true, 1), report("obs-c", false, 1)), NOW).signal();

    assertThat(signal.stands(NOW)).isTrue();
    assertThat(signal.votes()).singleElement().satisfies(v -> {
      assertThat(v.voter()).isEqualTo("obs-a+obs-b");
      assertThat(v.detail()).isEqualTo("obs-a, obs-b of 3 observers suspect db-primary");
    });
  }

  @Test
  void shouldStandOnTwoOfThreeWhenTheThirdIsStale() {
    ProbeTally tally = ProbeTally.of("db-primary", 3, report("obs-a", true, 0),
        List.of(report("obs-b", true, 1), report("obs-c", false, 9)), NOW);

    assertThat(tally.majority()).isTrue();
    assertThat(tally.summary()).isEqualTo("2/3 suspect db-primary (obs-c stale)");
  }

  @Test
  void shouldCountAStalePeerAsNotSuspecting() {
    // The bug this replaced: 1 suspecting of 1 live was a "majority of one" while partitioned.
    ProbeTally tally = ProbeTally.of("db-primary", 3, report("obs-a", true, 0),
        List.of(report("obs-b", false, 4), report("obs-c", true, 9)), NOW);

    assertThat(tally.majority()).isFalse();
    assertThat(tally.live()).containsExactly("obs-a");
    assertThat(tally.stale()).containsExactly("obs-b", "obs-c");
    assertThat(tally.summary()).isEqualTo("1/3 suspect db-primary (obs-b, obs-c stale)");
  }

  @Test
  void shouldCountAPeerNeverHeardAsNotSuspecting() {
    ProbeTally tally = ProbeTally.of("db-primary", 3, report("obs-a", true, 0), List.of(), NOW);

    assertThat(tally.majority()).isFalse();
    assertThat(tally.summary()).isEqualTo("1/3 suspect db-primary (2 never heard)");
  }

  @Test
  void shouldCountItsOwnReportEvenIfOld() {
    ProbeTally tally = ProbeTally.of("db-primary", 1, report("obs-a", false, 60), List.of(), NOW);

    assertThat(tally.live()).containsExactly("obs-a");
  }

  @Test
  void shouldIgnoreOtherTargetsEchoesOfItselfAndOlderDuplicates() {
    ObserverReport otherTarget = new ObserverReport(
        "obs-b", "cache-primary", true, NOW, FRESH, "suspected");
    ProbeTally tally = ProbeTally.of("db-primary", 2, report("obs-a", false, 0),
        List.of(otherTarget, report("obs-a", true, 0), report("obs-b", true, 2),
            report("obs-b", false, 1)), NOW);

    assertThat(tally.live()).containsExactly("obs-a", "obs-b");
    assertThat(tally.suspecting()).isEmpty();
  }

  @Test
  void shouldCountATiltedPeerAsLiveButNotSuspecting() {
    ProbeTally tally = ProbeTally.of("db-primary", 2, report("obs-a", true, 0),
        List.of(report("obs-b", true, 0).tilted()), NOW);

    assertThat(tally.summary()).isEqualTo("1/2 suspect db-primary");
  }
}
