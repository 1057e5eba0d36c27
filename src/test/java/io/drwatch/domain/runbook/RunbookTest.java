package io.drwatch.domain.runbook;

import static io.drwatch.domain.runbook.RunbookFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"pg-promote, true", "rds-promote, true", "aurora-global-failover, true",
      "elasticache-global-failover, true", "k8s-scale, false", "webhook, false",
      "efs-stop-replication, false"})
  void shouldDerivePromotionFromTheActionName(String action, boolean promote) {
    assertThat(StepSpec.builder("s", action).build().promote()).isEqualTo(promote);
  }

  @Test
  void shouldLetConfigOverrideTheDerivedRole() {
    assertThat(StepSpec.builder("s", "webhook").promote(true).build().promote()).isTrue();
    assertThat(StepSpec.builder("s", "pg-promote").promote(false).build().promote()).isFalse();
  }

  @Test
  void shouldDefaultToOneAttemptAndExpectTheWholeTimeout() {
    StepSpec step = StepSpec.builder("s", "k8s-scale").timeout(Duration.ofSeconds(30)).build();
    assertThat(step.attempts()).isEqualTo(1);
    assertThat(step.expected()).isEqualTo(Duration.ofSeconds(30));
    assertThat(StepSpec.builder("s", "k8s-scale").build().timeout())
        .isEqualTo(StepSpec.DEFAULT_TIMEOUT);
  }

  @Test
  void shouldRejectBadStepValuesNamingThem() {
    assertThatThrownBy(() -> StepSpec.builder("a b", "webhook").build())
        .hasMessageContaining("\"a b\"");
    assertThatThrownBy(() -> StepSpec.builder("s", "webhook").timeout(Duration.ZERO).build())
        .hasMessage("step s: timeout must be positive, but was PT0S");
    assertThatThrownBy(() -> StepSpec.builder("s", "webhook").retries(-1).build())
        .hasMessage("step s: retries must be >= 0, but was -1");
  }

  @Test
  void shouldReportEveryProblemInOneException() {
    List<StepSpec> steps = List.of(
        StepSpec.builder("a", "nope").build(),
        StepSpec.builder("b", "webhook").after("zz").build());
    assertThatThrownBy(() -> Runbook.of(steps, Set.of("webhook")))
        .isInstanceOfSatisfying(InvalidRunbookException.class, e -> assertThat(e.errors())
            .containsExactly(
                "runbook.steps[0].action: unknown action \"nope\" (available: webhook)",
                "runbook.steps[1].after: unknown step id \"zz\" (known: a, b)"));
  }

  @Test
  void shouldRejectAnEmptyRunbook() {
    assertThat(Runbook.problems(List.of(), Set.of()))
        .containsExactly("runbook.steps: empty; a runbook needs at least one step");
  }

  @Test
  void shouldOrderStablyByConfigAmongReadySteps() {
    Runbook rb = runbook(
        "verify  webhook    b,a  1s",
        "b       k8s-scale  -    1s",
        "a       k8s-scale  -    1s");
    assertThat(rb.order()).extracting(StepSpec::id).containsExactly("b", "a", "verify");
    assertThat(rb.steps()).extracting(StepSpec::id).containsExactly("verify", "b", "a");
  }

  @Test
  void shouldHoldPromotionsUntilEveryFenceIsDone() {
    Runbook rb = runbook(
        "promote-db  pg-promote       -  5s",
        "fence-a     ga-traffic-dial  -  1s  fence",
        "fence-b     cloudflare-pool  -  1s  fence",
        "scale       k8s-scale        -  1s");
    assertThat(ids(rb.ready(List.of()))).containsExactly("fence-a", "fence-b", "scale");
    assertThat(ids(rb.ready(List.of("fence-a")))).containsExactly("fence-b", "scale");
    assertThat(ids(rb.ready(List.of("fence-a", "fence-b"))))
        .containsExactly("promote-db", "scale");
    assertThat(rb.prerequisites("promote-db")).containsExactly("fence-a", "fence-b");
  }

  @Test
  void shouldFollowTheEstimatesGivenForTheCriticalPath() {
    Runbook rb = runbook(
        "promote-db     pg-promote     -                         5s",
        "promote-cache  redis-promote  -                         2s",
        "verify         webhook        promote-db,promote-cache  1s");
    assertThat(rb.criticalPath(Map.of()))
        .isEqualTo(new CriticalPath(List.of("promote-db", "verify"), Duration.ofSeconds(6)));
    assertThat(rb.criticalPath(Map.of("promote-cache", Duration.ofSeconds(20))))
        .isEqualTo(new CriticalPath(List.of("promote-cache", "verify"), Duration.ofSeconds(21)));
  }

  @Test
  void shouldNameTheKnownStepsForAnUnknownOne() {
    assertThatThrownBy(() -> runbook("a  webhook  -  1s").step("b"))
        .hasMessage("unknown step b (known: a)");
  }

  private static List<String> ids(List<StepSpec> steps) {
    return steps.stream().map(StepSpec::id).toList();
  }
}
