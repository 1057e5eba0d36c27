package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.QuorumState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When a round waits on the peers' word, so they are asked at the probe cadence. */
class PeerUrgencyTest {
  private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
  private static final Duration FRESH = Duration.ofSeconds(1);

  private static ObserverReport report(String observer, boolean suspected, Instant seenAt) {
    return new ObserverReport(observer, "db-primary", suspected, seenAt, FRESH, "");
  }

  private static Decision decision(boolean declared) {
    return new Decision(NOW, "db-primary",
        declared ? Decision.Phase.DECLARED : Decision.Phase.NO_OUTAGE, declared, false, Map.of(),
        List.of(), 0, 2, "v", QuorumState.initial());
  }

  private static boolean awaited(int observers, boolean ownSuspects, List<ObserverReport> peers,
      boolean declared) {
    return PeerUrgency.awaited(observers, List.of(report("obs-a", ownSuspects, NOW)), peers,
        List.of(decision(declared)), NOW);
  }

  @Test
  void shouldWaitOnAPeerThatDoesNotYetSuspectWhatWeSuspect() {
    assertThat(awaited(2, true, List.of(report("obs-b", false, NOW)), false)).isTrue();
    assertThat(awaited(2, true, List.of(), false)).as("peer never heard").isTrue();
  }

  @Test
  void shouldWaitOnAPeerWhoseAgreementIsStale() {
    assertThat(awaited(2, true, List.of(report("obs-b", true, NOW.minusSeconds(2))), false))
        .isTrue();
  }

  @Test
  void shouldNotWaitOnceAMajorityOfTheConfiguredObserversAgrees() {
    assertThat(awaited(2, true, List.of(report("obs-b", true, NOW)), false)).isFalse();
    assertThat(awaited(3, true, List.of(report("obs-b", true, NOW), report("obs-c", false, NOW)),
        false)).as("2 of 3").isFalse();
    assertThat(awaited(3, true, List.of(report("obs-b", false, NOW)), false)).isTrue();
  }

  @Test
  void shouldNotWaitWhenNothingIsSuspectedAloneOrAlreadyDeclared() {
    assertThat(awaited(2, false, List.of(report("obs-b", true, NOW)), false))
        .as("we do not suspect").isFalse();
    assertThat(awaited(1, true, List.of(), false)).as("no peers").isFalse();
    assertThat(awaited(2, true, List.of(report("obs-b", false, NOW)), true))
        .as("declared: the peers' word no longer decides").isFalse();
  }

  @Test
  void shouldNotWaitWhileTiltedBecauseATiltedReportSuspectsNothing() {
    ObserverReport tilted = report("obs-a", true, NOW).tilted();
    assertThat(PeerUrgency.awaited(2, List.of(tilted), List.of(), List.of(decision(false)), NOW))
        .isFalse();
  }
}
