package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.detect.SuspicionTracker.Transition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuspicionTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private final SuspicionTracker tracker = new SuspicionTracker("db-primary", "obs-a", 3, 2, T0);

  private static Instant at(int s) {
    return T0.plusSeconds(s);
  }

  @Test
  void shouldSuspectAfterFailuresToSuspectConsecutiveFailures() {
    assertThat(tracker.failure(at(1), "refused")).isEmpty();
    assertThat(tracker.failure(at(2), "refused")).isEmpty();
    Optional<Transition> t = tracker.failure(at(3), "connection refused");

    assertThat(t).get().satisfies(tr -> {
      assertThat(tr.suspected()).isTrue();
      assertThat(tr.at()).isEqualTo(at(3));
      assertThat(tr.verdictLine()).isEqualTo(
          "obs-a: db-primary suspected: 3 consecutive failures, last: connection refused");
    });
    assertThat(tracker.suspected()).isTrue();
  }

  @Test
  void shouldNeverSuspectWhenOneProbeInThreeIsLost() {
    for (int i = 0; i < 30; i++) {
      Optional<Transition> t = i % 3 == 2 ? tracker.failure(at(i), "timeout") : tracker.success(at(i));
      assertThat(t).isEmpty();
    }
    assertThat(tracker.suspected()).isFalse();
  }

  @Test
  void shouldClearOnlyAfterSuccessesToClearConsecutiveSuccesses() {
    for (int i = 1; i <= 5; i++) {
      tracker.failure(at(i), "timeout");
    }
    assertThat(tracker.success(at(6))).isEmpty();
    assertThat(tracker.failure(at(7), "timeout")).as("a failure restarts the count").isEmpty();
    assertThat(tracker.success(at(8))).isEmpty();
    Optional<Transition> t = tracker.success(at(9));

    assertThat(t).get().extracting(Transition::verdictLine)
        .isEqualTo("obs-a: db-primary cleared: 2 consecutive successes after 6 failures");
    assertThat(tracker.suspected()).isFalse();
  }

  @Test
  void shouldPublishAReportDatedAtTheLastProbe() {
    tracker.failure(at(1), "a");
    tracker.failure(at(2), "b");
    tracker.failure(at(3), "c");

    ObserverReport report = tracker.report(Duration.ofSeconds(3));

    assertThat(report.suspected()).isTrue();
    assertThat(report.seenAt()).isEqualTo(at(3));
    assertThat(report.detail()).isEqualTo("suspected, last error: c");
    assertThat(report.isFresh(at(6))).isTrue();
    assertThat(report.isFresh(at(7))).isFalse();
  }

  @Test
  void shouldRejectThresholdsBelowOne() {
    assertThatThrownBy(() -> new SuspicionTracker("t", "o", 0, 1, T0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldSayRefusingOnlyWhenSuspectedAndTheLastFailuresToSuspectProbesWereRefused() {
    tracker.failure(at(1), ProbeFailure.REFUSED, "connection refused");
    tracker.failure(at(2), ProbeFailure.REFUSED, "connection refused");
    assertThat(tracker.refusing()).as("not suspected yet").isFalse();
    tracker.failure(at(3), ProbeFailure.REFUSED, "connection refused");

    assertThat(tracker.refusing()).isTrue();
    assertThat(tracker.report(Duration.ofSeconds(3)).refusing()).isTrue();
    tracker.failure(at(4), ProbeFailure.TIMEOUT, "timed out after 800ms");
    assertThat(tracker.refusing()).as("one timeout: it may be alive behind the network").isFalse();
    tracker.failure(at(5), ProbeFailure.REFUSED, "connection refused");
    tracker.failure(at(6), ProbeFailure.REFUSED, "connection refused");
    assertThat(tracker.refusing()).isFalse();
    tracker.failure(at(7), ProbeFailure.REFUSED, "connection refused");
    assertThat(tracker.refusing()).as("refused 3 in a row since the timeout").isTrue();
  }

  @Test
  void shouldStartCountingRefusalsOverAfterASuccess() {
    for (int i = 1; i <= 3; i++) {
      tracker.failure(at(i), ProbeFailure.REFUSED, "connection refused");
    }
    tracker.success(at(4));
    tracker.failure(at(5), ProbeFailure.REFUSED, "connection refused");

    assertThat(tracker.suspected()).isTrue();
    assertThat(tracker.refusing()).as("one refusal since it answered").isFalse();
  }
}
