package io.drwatch.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

  @Test
  void shouldKeepTheReasonOfAFailedRun() {
    FailoverRun run = started().fail("step notify vanished from the config", T0.plusSeconds(90)).run();

    assertThat(RunEnd.line(run, T0.plusSeconds(120)))
        .isEqualTo("run r1 FAILED after 90s: step notify vanished from the config");
  }
}
