package io.drwatch.domain.runbook;

import static io.drwatch.domain.runbook.RunbookFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.RtoProjection.Basis;
import io.drwatch.domain.runbook.RtoProjection.StepProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RtoProjectorTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration DETECTION = RtoProjector.detectionTime(3, Duration.ofSeconds(5),
      Duration.ofSeconds(10));
  private static final Runbook LAB = runbook(
      "promote-db     pg-promote     -           5s",
      "promote-cache  redis-promote  promote-db  2s",
      "scale-app      k8s-scale      -           10s  no-promote");

  @Test
  void shouldAddDetectionTimeToTheCriticalPath() {
    RtoProjection p = RtoProjector.project(LAB, DETECTION, List.of(), List.of());

    assertThat(DETECTION).isEqualTo(Duration.ofSeconds(25));
    assertThat(p.total()).contains(Duration.ofSeconds(35));
    assertThat(p.totalSeconds()).isEqualTo(35.0);
    assertThat(p.criticalPath().steps()).containsExactly("scale-app");
    assertThat(p.verdict())
        .isEqualTo("projected RTO 35s = detection 25s + critical path 10s (scale-app)");
  }

  @Test
  void shouldKeepExpectedUntilThreeMeasurementsThenTakeTheirP95() {
    List<StepRecord> two =
        List.of(finished("promote-db", 0, 9_000), finished("promote-db", 1, 7_000));
    StepProjection thin = step(RtoProjector.project(LAB, DETECTION, two, List.of()), "promote-db");
    assertThat(thin.basis()).isEqualTo(Basis.EXPECTED);
    assertThat(thin.projected()).isEqualTo(Duration.ofSeconds(5));
    assertThat(thin.samples()).isEqualTo(2);

    List<StepRecord> three = new ArrayList<>(two);
    three.add(finished("promote-db", 2, 8_000));
    StepProjection measured = step(RtoProjector.project(LAB, DETECTION, three, List.of()),
        "promote-db");
    assertThat(measured.basis()).isEqualTo(Basis.MEASURED);
    assertThat(measured.projected()).isEqualTo(Duration.ofSeconds(9));
    assertThat(measured.text()).isEqualTo("9s (p95 of 3)");
  }

  @Test
  void shouldTakeTheNearestRankP95OfTheLatestTwentySamples() {
    // 1s..20s, then one older 99s sample that the window leaves out.
    List<StepRecord> history = new ArrayList<>();
    history.add(finished("promote-db", -100, 99_000));
    IntStream.rangeClosed(1, 20).forEach(i -> history.add(finished("promote-db", i, i * 1000)));

    StepProjection s = step(RtoProjector.project(LAB, DETECTION, history, List.of()), "promote-db");

    assertThat(s.samples()).isEqualTo(20);
    assertThat(s.estimate()).isEqualTo(Duration.ofSeconds(19));
    assertThat(RtoProjector.p95(List.of(Duration.ofSeconds(4)))).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void shouldLearnOnlyFromFinishedAttempts() {
    StepRecord failed = new StepRecord("promote-db", StepState.FAILED, 1, Optional.of(T0),
        Optional.of(T0.plusSeconds(60)), "timeout");
    StepRecord skipped = new StepRecord("promote-db", StepState.SKIPPED, 0, Optional.empty(),
        Optional.of(T0), "already promoted");
    List<StepRecord> history = List.of(failed, failed, skipped, finished("promote-db", 0, 3000));

    StepProjection s = step(RtoProjector.project(LAB, DETECTION, history, List.of()), "promote-db");

    assertThat(s.samples()).isEqualTo(1);
    assertThat(s.basis()).isEqualTo(Basis.EXPECTED);
  }

  @Test
  void shouldAddAReadinessPenaltyToItsStepAndThePath() {
    Readiness zeroReplicas = Readiness.penalty("scale-app", Duration.ofSeconds(30),
        "deployment web at 0 replicas");

    RtoProjection p = RtoProjector.project(LAB, DETECTION, List.of(), List.of(zeroReplicas));

    assertThat(step(p, "scale-app").text()).isEqualTo("40s (expected 10s + 30s penalty)");
    assertThat(p.perStep()).containsEntry("scale-app", Duration.ofSeconds(40));
    assertThat(p.total()).contains(Duration.ofSeconds(65));
    assertThat(p.reasons()).containsExactly("deployment web at 0 replicas (+30s on scale-app)");
    assertThat(p.verdict())
        .endsWith("(scale-app); deployment web at 0 replicas (+30s on scale-app)");
  }

  @Test
  void shouldProjectInfinityWithTheReasonWhenAReplicaIsUnavailable() {
    List<Readiness> readiness = List.of(
        Readiness.unavailable("replica orders-replica is storage-full, not available"),
        Readiness.penalty("nope", Duration.ofSeconds(5), "deployment gone at 0 replicas"));

    RtoProjection p = RtoProjector.project(LAB, DETECTION, List.of(), readiness);

    assertThat(p.isInfinite()).isTrue();
    assertThat(p.total()).isEmpty();
    assertThat(p.totalSeconds()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(p.verdict())
        .isEqualTo("projected RTO +Inf: replica orders-replica is storage-full, not available");
    assertThat(p.reasons()).containsExactly(
        "replica orders-replica is storage-full, not available",
        "deployment gone at 0 replicas (ignored: no step nope)");
    assertThat(p.perStep()).containsKeys("promote-db", "promote-cache", "scale-app");
  }

  private static StepProjection step(RtoProjection p, String id) {
    return p.steps().stream().filter(s -> s.step().equals(id)).findFirst().orElseThrow();
  }

  private static StepRecord finished(String step, int startMinute, long millis) {
    Instant start = T0.plus(Duration.ofMinutes(startMinute));
    return new StepRecord(step, StepState.FINISHED, 1, Optional.of(start),
        Optional.of(start.plusMillis(millis)), "");
  }
}
