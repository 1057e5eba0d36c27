package io.drwatch.app.failover;

import static io.drwatch.app.failover.PipelineFixture.step;
import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Unfinished runs after a restart or a lease change, and a journal that fails mid-run. */
class PipelineResumeTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private final Vertx vertx = TestVertx.create();
  private final List<JournalRecord> journal = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void warmUp() throws Exception {
    PipelineResumeTest warm = new PipelineResumeTest();
    try {
      warm.crashedMidRun(Duration.ofMinutes(20)).tick(Duration.ofSeconds(13), false);
    } finally {
      warm.stop();
    }
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private PipelineFixture fixture() {
    return new PipelineFixture(vertx, journal, true, step("promote", "noop"),
        step("notify", "slow", "promote"));
  }

  /** A run whose "notify" step was in flight when the daemon died; restarted {@code later}. */
  private PipelineFixture crashedMidRun(Duration later) throws Exception {
    PipelineFixture before = fixture();
    before.recover();
    before.on(before::auto);
    Await.until(WAIT, () -> before.actions.get("slow").gate != null);
    PipelineFixture after = fixture();
    after.clock.advance(later);
    after.recover();
    return after;
  }

  private static RunState state(PipelineFixture f) {
    return f.latestRun().orElseThrow().state();
  }

  @Test
  void shouldResumeAYoungRunAtOnce() throws Exception {
    PipelineFixture f = crashedMidRun(Duration.ofMinutes(5));
    Await.until(WAIT, () -> f.actions.get("slow").applies.get() == 1);
    assertThat(journal).filteredOn(JournalRecord.StepInterrupted.class::isInstance).hasSize(1);
  }

  @Test
  void shouldResumeAnOldRunOnlyOnceTheOutageIsDeclaredAgain() throws Exception {
    PipelineFixture f = crashedMidRun(Duration.ofMinutes(20));
    f.tick(Duration.ofSeconds(1), false);
    assertThat(f.actions.get("slow").applies).as("held back, nothing re-checked or applied").hasValue(0);
    assertThat(state(f)).isEqualTo(RunState.RUNNING);

    f.tick(Duration.ofSeconds(1), true);
    Await.until(WAIT, () -> f.actions.get("slow").applies.get() == 1);
  }

  @Test
  void shouldAbandonAnOldRunWhenTheOutageIsNotDeclaredAgain() throws Exception {
    PipelineFixture f = crashedMidRun(Duration.ofMinutes(20));
    f.tick(Duration.ofSeconds(11), false);
    assertThat(state(f)).isEqualTo(RunState.RUNNING);
    f.tick(Duration.ofSeconds(1), false);

    Await.until(WAIT, () -> state(f) == RunState.ABANDONED);
    assertThat(f.latestRun().orElseThrow().reason()).isEqualTo("not resumed: started 20m12s ago,"
        + " older than resumeWithin 10m, and the outage was not declared again within 12s");
    assertThat(f.actions.get("slow").applies).hasValue(0);
    assertThat(f.pipeline.latch().armed()).isTrue();
  }

  @Test
  void shouldFailARunWhoseStepLeftTheConfigInsteadOfCrashingStartup() throws Exception {
    PipelineFixture before = fixture();
    before.recover();
    before.on(before::auto);
    Await.until(WAIT, () -> before.actions.get("slow").gate != null);

    PipelineFixture after = new PipelineFixture(vertx, journal, true, step("promote", "noop"));
    after.recover();

    Await.until(WAIT, () -> state(after) == RunState.FAILED);
    assertThat(after.latestRun().orElseThrow().reason()).startsWith("step notify of run ")
        .endsWith(" is no longer in the runbook config: the run cannot resume");
  }

  @Test
  void shouldFailTheRunAndFreeSingleFlightWhenTheJournalCannotRecordAStepsEnd() throws Exception {
    PipelineFixture f = fixture();
    f.recover();
    f.refuse = r -> r instanceof JournalRecord.StepFinished;
    FailoverRun run = f.on(f::auto);

    Await.until(WAIT, () -> state(f) == RunState.FAILED);
    assertThat(f.latestRun().orElseThrow().reason())
        .isEqualTo("journal write failed (StepFinished): No space left on device");
    assertThat(f.pipeline.journalErrors()).isEqualTo(1);
    assertThat(journal).last().isInstanceOf(JournalRecord.RunFinished.class);

    f.refuse = r -> false;
    FailoverRun next = f.on(() -> f.pipeline.trigger(RunMode.EXECUTE, Trigger.manual("operator"), false));
    assertThat(next.runId()).isNotEqualTo(run.runId());
  }

  @Test
  void shouldStopBeforeTheNextStepWhenTheLeaseIsLostAndLetTheNextHolderFinish() throws Exception {
    PipelineFixture f = fixture();
    f.recover();
    f.on(f::auto);
    Await.until(WAIT, () -> f.actions.get("slow").gate != null);

    f.lease.set(Optional.empty(), "obs-b");
    f.actions.get("slow").gate.complete();
    Await.until(WAIT, () -> f.actions.get("slow").done);
    f.tick(Duration.ofSeconds(1), true);
    assertThat(journal).noneMatch(r -> r instanceof JournalRecord.StepFinished s && s.step().equals("notify"));
    assertThat(state(f)).isEqualTo(RunState.RUNNING);

    f.lease.set(Optional.of(new Grant("obs-a", 2)), "obs-a");
    Await.until(WAIT, () -> state(f) == RunState.SUCCEEDED);
    assertThat(journal).anyMatch(r -> r instanceof JournalRecord.StepSkipped s && s.step().equals("notify"));
    assertThat(f.actions.get("slow").applies).as("the side effect is not repeated").hasValue(1);
  }
}
