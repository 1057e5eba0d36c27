package io.drwatch.app.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RunEndTest {
  private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
  private static final Runbook ONE_STEP = Runbook.of(
      List.of(StepSpec.builder("notify", "webhook").expected(Duration.ofSeconds(1)).build()),
      Set.of("webhook"));

  private static FailoverRun started() {
    return FailoverRun.plan("r1", RunMode.DRILL, Trigger.manual("drill"), ONE_STEP)
        .start(false, T0).run();
  }

  @Test
  void shouldSayHowLongASucceededRunTookInsteadOfEndingOnAColon() {
    FailoverRun run = started().startStep("notify", T0).run()
        .finishStep("notify", "200", T0.plusMillis(4500)).run()
        .finish(T0.plusMillis(4500)).run();

    assertThat(RunEnd.line(run, T0.plusSeconds(60))).isEqualTo("run r1 SUCCEEDED after 4.5s");
  }

  private static final Runbook PROMOTE = Runbook.of(List.of(
      StepSpec.builder("promote-db", "pg-promote").expected(Duration.ofSeconds(1)).build(),
      StepSpec.builder("notify", "webhook").after(List.of("promote-db")).expected(Duration.ofSeconds(1)).build()),
      Set.of("pg-promote", "webhook"));
  private static final PipelineSettings SETTINGS = new PipelineSettings(PROMOTE, Map.of(), Map.of(),
      Map.of("promote-db", "orders-db"), new RpoGate(Duration.ofSeconds(5), Duration.ofSeconds(1)), true,
      Duration.ZERO, Duration.ofMinutes(15), Duration.ofSeconds(6), Duration.ofMinutes(10), Duration.ofMinutes(30));

  private static FailoverRun promoted(RunMode mode) {
    return FailoverRun.plan("r1", mode, Trigger.manual("t"), PROMOTE).start(false, T0).run()
        .startStep("promote-db", T0).run().finishStep("promote-db", "promoted", T0.plusSeconds(2)).run();
  }

  @Test
  void shouldFlipThePromotedChannelsOfASuccessfulExecuteRunOnly() {
    FailoverRun done = promoted(RunMode.EXECUTE).skipStep("notify", "sent", T0.plusSeconds(3)).run()
        .finish(T0.plusSeconds(3)).run();
    Transition t = RunEnd.flip(done, SETTINGS, T0.plusSeconds(4)).orElseThrow().apply(done);
    assertThat(t.record()).isEqualTo(new JournalRecord.DirectionFlipped("r1", List.of("orders-db"),
        T0.plusSeconds(4)));

    FailoverRun drill = promoted(RunMode.DRILL).skipStep("notify", "sent", T0.plusSeconds(3)).run()
        .finish(T0.plusSeconds(3)).run();
    assertThat(RunEnd.flip(drill, SETTINGS, T0.plusSeconds(4))).as("a drill").isEmpty();
    FailoverRun failed = promoted(RunMode.EXECUTE).startStep("notify", T0).run()
        .failStep("notify", "500", T0.plusSeconds(3)).run()
        .fail("notify failed", T0.plusSeconds(3)).run();
    assertThat(RunEnd.flip(failed, SETTINGS, T0.plusSeconds(4))).as("a failed run").isEmpty();
    FailoverRun cancelled = promoted(RunMode.EXECUTE).cancel("jane", "wrong region", T0.plusSeconds(3)).run();
    assertThat(RunEnd.flip(cancelled, SETTINGS, T0.plusSeconds(4))).as("a cancelled run").isEmpty();
  }

  @Test
  void shouldRefuseAFlipOfADrillOnReplay() {
    FailoverRun drill = promoted(RunMode.DRILL).skipStep("notify", "sent", T0.plusSeconds(3)).run()
        .finish(T0.plusSeconds(3)).run();
    assertThatThrownBy(() -> drill.flip(List.of("orders-db"), T0.plusSeconds(4)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("only a successful execute or switchover run flips");
  }

  @Test
  void shouldKeepTheReasonOfAFailedRun() {
    FailoverRun run = started().fail("step notify vanished from the config", T0.plusSeconds(90)).run();

    assertThat(RunEnd.line(run, T0.plusSeconds(120)))
        .isEqualTo("run r1 FAILED after 90s: step notify vanished from the config");
  }
}
