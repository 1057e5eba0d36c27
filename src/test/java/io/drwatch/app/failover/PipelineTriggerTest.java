package io.drwatch.app.failover;

import static io.drwatch.app.failover.PipelineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.ExecutorLease.Grant;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** When an automatic trigger may start a run: single flight, lease, latch, cooldown, approval. */
class PipelineTriggerTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Vertx vertx = TestVertx.create();
  private final List<JournalRecord> journal = new CopyOnWriteArrayList<>();

  /** Loads the pipeline's classes outside the blocked-thread check: a cold JVM is not the subject. */
  @BeforeAll
  static void warmUp() throws Exception {
    PipelineTriggerTest warm = new PipelineTriggerTest();
    try {
      PipelineFixture f = warm.fixture(true);
      f.on(f::auto);
      Await.until(WAIT, () -> f.actions.get("slow").gate != null);
      f.actions.get("slow").gate.complete();
      Await.until(WAIT, () -> !f.pipeline.latch().armed());
      refusal(f);
    } finally {
      warm.stop();
    }
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private PipelineFixture fixture(boolean automatic) throws Exception {
    PipelineFixture f = new PipelineFixture(vertx, journal, automatic, step("promote", "noop"),
        step("notify", "slow", "promote"));
    f.recover();
    return f;
  }

  private static PipelineRefusal.Code refusal(PipelineFixture f) {
    Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> f.on(f::auto));
    assertThat(t).isInstanceOf(ExecutionException.class);
    return ((PipelineRefusal) t.getCause()).code();
  }

  @Test
  void shouldKeepOneRunInFlightWhateverTriggersArrive() throws Exception {
    PipelineFixture f = fixture(true);
    FailoverRun first = f.on(f::auto);
    Await.until(WAIT, () -> f.actions.get("slow").gate != null);

    FailoverRun second = f.on(f::auto);
    FailoverRun manual = f.on(() -> f.pipeline.trigger(RunMode.DRILL, Trigger.manual("drill"), false));

    assertThat(second.runId()).isEqualTo(first.runId());
    assertThat(manual.runId()).isEqualTo(first.runId());
    assertThat(f.on(() -> io.vertx.core.Future.succeededFuture(f.pipeline.blockers())))
        .singleElement().asString().contains("run " + first.runId() + " active");
    assertThat(f.actions.get("noop").applies).hasValue(1);
  }

  @Test
  void shouldLatchAutomaticFailoverOffAfterASuccessfulExecuteRunUntilReArmed() throws Exception {
    PipelineFixture f = fixture(true);
    FailoverRun run = f.on(f::auto);
    Await.until(WAIT, () -> f.actions.get("slow").gate != null);
    f.actions.get("slow").gate.complete();
    Await.until(WAIT, () -> f.pipeline.latch().latchedBy().isPresent());

    assertThat(f.pipeline.latch().line()).startsWith("FAILED OVER at ").contains("by run " + run.runId());
    assertThat(f.pipeline.blockers()).singleElement().asString().startsWith("automatic failover is not armed");
    f.clock.advance(Duration.ofHours(2)); // long past the cooldown: the latch alone holds it
    assertThat(refusal(f)).isEqualTo(PipelineRefusal.Code.NOT_ARMED);

    PipelineFixture restarted = fixture(true);
    assertThat(restarted.pipeline.latch().armed()).as("the latch survives a restart").isFalse();
    restarted.on(() -> restarted.pipeline.rearm("jane@10.0.0.1"));
    assertThat(restarted.pipeline.latch().armed()).isTrue();
    assertThat(journal).last().isInstanceOf(JournalRecord.Rearmed.class);
    assertThat(fixture(true).pipeline.latch().armed()).as("the re-arm survives a restart").isTrue();
    assertThatThrownBy(() -> restarted.on(() -> restarted.pipeline.rearm("jane")))
        .hasCauseInstanceOf(PipelineRefusal.class);
  }

  @Test
  void shouldCountTheCooldownFromExecuteRunsOnlyAndListItAsABlocker() throws Exception {
    PipelineFixture f = fixture(true);
    FailoverRun drill = f.on(() -> f.pipeline.trigger(RunMode.DRILL, Trigger.manual("drill"), false));
    Await.until(WAIT, () -> f.actions.get("slow").gate != null);
    f.actions.get("slow").gate.complete();
    Await.until(WAIT, () -> f.board.run(drill.runId()).orElseThrow().state() == RunState.SUCCEEDED);
    assertThat(f.pipeline.blockers()).as("a drill arms no cooldown and no latch").isEmpty();

    f.actions.get("noop").done = false;
    f.actions.get("slow").done = false;
    FailoverRun real = f.on(f::auto);
    Await.until(WAIT, () -> f.actions.get("slow").gate != null && f.actions.get("slow").applies.get() == 2);
    f.on(() -> f.pipeline.cancel(real.runId(), "jane"));
    f.clock.advance(Duration.ofMinutes(1));

    assertThat(f.pipeline.blockers()).singleElement().asString()
        .isEqualTo("cooldown: the last execute run ended 60s ago, cooldown is 300s");
    assertThat(refusal(f)).isEqualTo(PipelineRefusal.Code.COOLDOWN);
    f.clock.advance(PipelineFixture.COOLDOWN);
    assertThat(f.pipeline.blockers()).isEmpty();
  }

  @Test
  void shouldRefuseAnExecuteRunWithoutTheExecutorLease() throws Exception {
    PipelineFixture f = fixture(true);
    f.lease.set(Optional.empty(), "obs-b");

    assertThat(refusal(f)).isEqualTo(PipelineRefusal.Code.NOT_EXECUTOR);
    assertThat(f.pipeline.blockers()).containsExactly("not the executor: the lease is held by obs-b");
    assertThat(journal).isEmpty();

    f.lease.set(Optional.of(new Grant("obs-a", 4)), "obs-a");
    assertThat(f.on(f::auto).state()).isEqualTo(RunState.RUNNING);
  }

  @Test
  void shouldStartNothingUnderANewGrantBeforeTheJournalIsReadUnderIt() throws Exception {
    PipelineFixture other = fixture(true); // another observer failed over: latched, in the shared journal
    other.on(other::auto);
    Await.until(WAIT, () -> other.actions.get("slow").gate != null);
    other.actions.get("slow").gate.complete();
    Await.until(WAIT, () -> !other.pipeline.latch().armed());

    PipelineFixture f = new PipelineFixture(vertx, journal, true, step("promote", "noop"),
        step("notify", "slow", "promote"));
    f.lease.grant = Optional.empty();
    f.recover();
    f.readHeld = io.vertx.core.Promise.promise();
    f.lease.set(Optional.of(new Grant("obs-a", 5)), "obs-a");

    assertThat(refusal(f)).isEqualTo(PipelineRefusal.Code.NOT_EXECUTOR);
    assertThat(f.pipeline.blockers()).containsExactly(
        "not the executor yet: reading the journal under the new executor lease (epoch 5)");
    f.on(() -> {
      f.readHeld.complete();
      return io.vertx.core.Future.succeededFuture();
    });
    assertThat(refusal(f)).as("the cluster's latch, once read, holds").isEqualTo(PipelineRefusal.Code.NOT_ARMED);
    assertThat(f.actions.get("noop").applies).hasValue(0);
  }

  @Test
  void shouldWaitForApprovalAndExpireAnUnansweredWait() throws Exception {
    PipelineFixture f = fixture(false);
    FailoverRun run = f.on(f::auto);
    assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);

    f.tick(PipelineFixture.APPROVAL_TIMEOUT.minusSeconds(1), true);
    assertThat(f.board.run(run.runId()).orElseThrow().state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(f.actions.get("noop").applies).hasValue(0);

    f.tick(Duration.ofSeconds(1), true);
    Await.until(WAIT, () -> f.board.run(run.runId()).orElseThrow().state() == RunState.EXPIRED);
    assertThat(f.board.run(run.runId()).orElseThrow().reason()).isEqualTo("no approval within approvalTimeout 30m");
    assertThat(f.actions.get("noop").applies).hasValue(0);
    assertThatThrownBy(() -> f.on(() -> f.pipeline.approve(run.runId(), "late", false)))
        .hasCauseInstanceOf(PipelineRefusal.class);
  }

  @Test
  void shouldDrillOnlyStepsWithTheirOwnDrillBlockAndSendTheEpochWithEveryStep() throws Exception {
    PipelineFixture f = new PipelineFixture(vertx, journal, true,
        java.util.Map.of("notify", java.util.Map.of("target", "drill-sink")),
        step("promote", "noop"), step("notify", "slow", "promote"));
    f.recover();
    f.on(() -> f.pipeline.trigger(RunMode.DRILL, Trigger.manual("drill"), false));
    Await.until(WAIT, () -> f.actions.get("slow").gate != null);

    assertThat(f.actions.get("noop").applies).as("no drill block: never run, never production").hasValue(0);
    assertThat(journal).anyMatch(r -> r instanceof JournalRecord.StepSkipped s
        && s.step().equals("promote") && s.message().startsWith("not drilled: no drill params"));
    assertThat(f.actions.get("slow").steps).singleElement().satisfies(s -> {
      assertThat(s.params()).containsExactly(java.util.Map.entry("target", "drill-sink"));
      assertThat(s.epoch()).as("drills run under no lease").isZero();
    });

    f.actions.get("slow").gate.complete();
    f.lease.set(Optional.of(new Grant("obs-a", 7)), "obs-a");
    Await.until(WAIT, () -> f.latestRun().orElseThrow().state() == RunState.SUCCEEDED);
    f.actions.get("slow").done = false;
    f.on(f::auto);
    Await.until(WAIT, () -> f.actions.get("slow").steps.size() == 2);
    assertThat(f.actions.get("noop").steps).singleElement().satisfies(s -> {
      assertThat(s.params()).containsExactly(java.util.Map.entry("target", "production-promote"));
      assertThat(s.epoch()).isEqualTo(7);
    });
  }

  @Test
  void shouldRunTheStepsOnceApproved() throws Exception {
    PipelineFixture f = fixture(false);
    FailoverRun run = f.on(f::auto);
    f.on(() -> f.pipeline.approve(run.runId(), "jane", false));
    Await.until(WAIT, () -> f.actions.get("slow").gate != null);
    assertThat(f.board.run(run.runId()).orElseThrow().approvedBy()).contains("jane");
    assertThat(f.actions.get("noop").applies).hasValue(1);
  }
}
