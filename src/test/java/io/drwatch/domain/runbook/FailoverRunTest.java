package io.drwatch.domain.runbook;

import static io.drwatch.domain.runbook.RunbookFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.JournalRecord.DataLossAccepted;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.JournalRecord.StepStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FailoverRunTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Runbook FENCED = runbook(
      "promote-db  pg-promote       -           5s",
      "fence-ga    ga-traffic-dial  -           1s  fence",
      "scale-app   k8s-scale        promote-db  9s");

  @Test
  void shouldJournalTheTriggerAndThePlanWhenStarting() {
    Trigger trigger = new Trigger(List.of("OUTAGE DECLARED: pg down"), Map.of());
    Transition t = FailoverRun.plan("r1", RunMode.EXECUTE, trigger, FENCED).start(false, T0);

    assertThat(t.run().state()).isEqualTo(RunState.RUNNING);
    assertThat(t.run().startedAt()).contains(T0);
    assertThat(t.record()).isEqualTo(new RunStarted("r1", RunMode.EXECUTE, trigger,
        FENCED.steps(), false, T0));
  }

  @Test
  void shouldStartEveryFenceBeforeAnyPromotion() {
    FailoverRun run = running(FENCED);
    assertThat(ids(run.readySteps())).containsExactly("fence-ga");
    assertThatThrownBy(() -> run.startStep("promote-db", T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("run r1: step promote-db cannot start: waiting for fence-ga (fence-first)");

    FailoverRun fencing = run.startStep("fence-ga", T0).run();
    assertThat(fencing.readySteps()).isEmpty();
    FailoverRun fenced = fencing.finishStep("fence-ga", "dial 0 read back", T0).run();
    assertThat(ids(fenced.readySteps())).containsExactly("promote-db");
  }

  @Test
  void shouldRetryAFailedStepUntilItsAttemptsRunOutThenFail() {
    FailoverRun run = running(runbook("promote-db  pg-promote  -  5s  retries=1"));
    run = run.startStep("promote-db", T0).run().failStep("promote-db", "timeout", T0).run();
    assertThat(ids(run.readySteps())).containsExactly("promote-db");

    Transition second = run.startStep("promote-db", T0.plusSeconds(5));
    assertThat(second.record())
        .isEqualTo(new StepStarted("r1", "promote-db", 2, T0.plusSeconds(5)));
    run = second.run().failStep("promote-db", "refused", T0.plusSeconds(9)).run();

    assertThat(run.readySteps()).isEmpty();
    assertThat(run.isDone()).isTrue();
    Transition end = run.finish(T0.plusSeconds(10));
    assertThat(end.run().state()).isEqualTo(RunState.FAILED);
    assertThat(end.record()).isEqualTo(new RunFinished("r1", RunState.FAILED,
        "step promote-db failed after 2 attempts: refused", T0.plusSeconds(10)));
  }

  @Test
  void shouldStartNothingNewOnceAStepHasFailedForGood() {
    FailoverRun run = running(runbook(
        "promote-db     pg-promote     -  5s",
        "promote-cache  redis-promote  -  5s"));
    run = run.startStep("promote-db", T0).run().failStep("promote-db", "boom", T0).run();

    assertThat(run.readySteps()).isEmpty();
    assertThat(run.isDone()).isTrue();
    FailoverRun stuck = run;
    assertThatThrownBy(() -> stuck.startStep("promote-cache", T0))
        .hasMessageEndingWith("step promote-db failed for good; no new step starts");
  }

  @Test
  void shouldSucceedOnceEveryStepFinishedOrWasSkipped() {
    FailoverRun run = running(FENCED);
    run = run.skipStep("fence-ga", "dial already 0", T0).run();
    run = run.startStep("promote-db", T0).run().finishStep("promote-db", "", T0).run();
    assertThat(run.isDone()).isFalse();
    run = run.startStep("scale-app", T0).run();
    assertThat(run.isDone()).isFalse();
    FailoverRun inFlight = run;
    assertThatThrownBy(() -> inFlight.finish(T0))
        .hasMessage("run r1 is not done: scale-app STARTED");
    run = run.finishStep("scale-app", "3/3 ready", T0.plusSeconds(9)).run();

    Transition end = run.finish(T0.plusSeconds(9));
    assertThat(end.run().state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(end.run().endedAt()).contains(T0.plusSeconds(9));
    assertThat(end.run().step("scale-app").duration()).hasValue(Duration.ofSeconds(9));
  }

  @Test
  void shouldHoldABlockedRunUntilSomeoneAcceptsTheDataLoss() {
    FailoverRun run = running(runbook("promote-db  pg-promote  -  5s"));
    FailoverRun blocked = run.block("promote-db", "pg RPO 12s > maxDataLoss 5s", T0).run();
    assertThat(blocked.state()).isEqualTo(RunState.BLOCKED_DATA_LOSS);
    assertThat(blocked.reason()).isEqualTo("pg RPO 12s > maxDataLoss 5s");
    assertThat(blocked.readySteps()).isEmpty();
    assertThatThrownBy(() -> blocked.startStep("promote-db", T0))
        .hasMessageEndingWith("cannot start: run is BLOCKED_DATA_LOSS");

    Transition accepted = blocked.acceptDataLoss("alice", T0.plusSeconds(30));
    assertThat(accepted.record())
        .isEqualTo(new DataLossAccepted("r1", "alice", T0.plusSeconds(30)));
    assertThat(accepted.run().state()).isEqualTo(RunState.RUNNING);
    assertThat(accepted.run().dataLossAcceptedBy()).contains("alice");
    assertThat(ids(accepted.run().readySteps())).containsExactly("promote-db");
  }

  @Test
  void shouldWaitForApprovalBeforeAnyStepInApprovalMode() {
    FailoverRun run = FailoverRun.plan("r1", RunMode.EXECUTE, Trigger.manual("api"), FENCED)
        .start(true, T0).run();
    assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(run.readySteps()).isEmpty();

    FailoverRun approved = run.approve("bob", T0.plusSeconds(60)).run();
    assertThat(approved.state()).isEqualTo(RunState.RUNNING);
    assertThat(approved.approvedBy()).contains("bob");
  }

  @Test
  void shouldRefuseRunTransitionsAfterCancelButJournalInFlightEnds() {
    FailoverRun run = running(FENCED).startStep("fence-ga", T0).run();
    FailoverRun cancelled = run.cancel("carol", "drill over", T0).run();
    assertThat(cancelled.state()).isEqualTo(RunState.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("cancelled by carol: drill over");
    assertThatThrownBy(() -> cancelled.approve("bob", T0)).hasMessageContaining("run is CANCELLED");

    FailoverRun ended = cancelled.finishStep("fence-ga", "dial 0", T0).run();
    assertThat(ended.step("fence-ga").state()).isEqualTo(StepState.FINISHED);
  }

  @Test
  void shouldKeepParamsOutOfThePlan() {
    Runbook withSecret = Runbook.of(List.of(StepSpec.builder("promote-db", "pg-promote")
        .param("url", "postgresql://postgres:secret@db/postgres").build()), RunbookFixture.ACTIONS);
    Transition t = FailoverRun.plan("r1", RunMode.DRILL, Trigger.manual("drill"), withSecret)
        .start(false, T0);

    assertThat(t.run().plan().step("promote-db").params()).isEmpty();
    assertThat(((RunStarted) t.record()).plan().get(0).params()).isEmpty();
  }

  static FailoverRun running(Runbook runbook) {
    return FailoverRun.plan("r1", RunMode.EXECUTE, Trigger.manual("test"), runbook)
        .start(false, T0).run();
  }

  private static List<String> ids(List<StepSpec> steps) {
    return steps.stream().map(StepSpec::id).toList();
  }
}
