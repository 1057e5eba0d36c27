package io.drwatch.domain.runbook;

import static io.drwatch.domain.runbook.RunbookFixture.runbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.JournalRecord.StepFinished;
import io.drwatch.domain.runbook.JournalRecord.StepStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReplayTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Runbook LAB = runbook(
      "promote-db     pg-promote     -           5s",
      "promote-cache  redis-promote  promote-db  2s");

  /** A journal and the live run it came from. */
  private static final class Recorder {
    final List<JournalRecord> journal = new ArrayList<>();
    FailoverRun run;

    Recorder(FailoverRun run) {
      this.run = run;
    }

    Recorder then(Function<FailoverRun, Transition> step) {
      Transition t = step.apply(run);
      journal.add(t.record());
      run = t.run();
      return this;
    }
  }

  @Test
  void shouldResumeAfterACrashMidStepWithoutRepeatingAFinishedStep() {
    Trigger trigger = new Trigger(List.of("OUTAGE DECLARED"), Map.of("pg-orders",
        Duration.ofMillis(1200)));
    Recorder live = new Recorder(FailoverRun.plan("r1", RunMode.EXECUTE, trigger, LAB))
        .then(r -> r.start(false, T0))
        .then(r -> r.startStep("promote-db", T0.plusSeconds(1)))
        .then(r -> r.finishStep("promote-db", "pg_is_in_recovery false", T0.plusSeconds(4)))
        .then(r -> r.startStep("promote-cache", T0.plusSeconds(5)));
    // kill -9 here: promote-cache started, its end never journaled.

    FailoverRun resumed = FailoverRun.replay(live.journal);

    assertThat(resumed).isEqualTo(live.run);
    assertThat(resumed.trigger()).isEqualTo(trigger);
    assertThat(resumed.step("promote-db").state()).isEqualTo(StepState.FINISHED);
    assertThat(resumed.inFlight()).containsExactly("promote-cache");
    assertThat(resumed.readySteps()).isEmpty();
    assertThatThrownBy(() -> resumed.startStep("promote-cache", T0.plusSeconds(60)))
        .hasMessageEndingWith("it is in flight; re-check it, then skip or interrupt it");
  }

  @Test
  void shouldRetryAnInterruptedStepWithoutUsingUpItsAttempts() {
    FailoverRun resumed = FailoverRun.replay(crashedDuringPromoteCache());

    // check() says the replica still follows the old primary: apply it again.
    Transition interrupted = resumed.interruptStep("promote-cache", "restart; not promoted yet",
        T0.plusSeconds(60));
    FailoverRun again = interrupted.run();
    assertThat(again.readySteps()).extracting(StepSpec::id).containsExactly("promote-cache");
    assertThat(again.startStep("promote-cache", T0.plusSeconds(61)).record())
        .isEqualTo(new StepStarted("r1", "promote-cache", 1, T0.plusSeconds(61)));
  }

  @Test
  void shouldSkipAnInFlightStepThatTheRecheckFindsDone() {
    FailoverRun resumed = FailoverRun.replay(crashedDuringPromoteCache());

    FailoverRun run = resumed.skipStep("promote-cache", "already master", T0.plusSeconds(60)).run();

    assertThat(run.step("promote-cache").state()).isEqualTo(StepState.SKIPPED);
    assertThat(run.isDone()).isTrue();
    assertThat(run.finish(T0.plusSeconds(60)).run().state()).isEqualTo(RunState.SUCCEEDED);
  }

  @Test
  void shouldReplayEveryRunAndReportTheRecordsThatDoNotFit() {
    List<JournalRecord> journal = new ArrayList<>();
    Recorder first = new Recorder(FailoverRun.plan("r0", RunMode.DRILL, Trigger.manual("d"), LAB))
        .then(r -> r.start(false, T0))
        .then(r -> r.cancel("ops", "aborted", T0));
    journal.addAll(first.journal);
    journal.add(new StepFinished("ghost", "promote-db", "", T0));
    journal.addAll(crashedDuringPromoteCache());
    journal.add(new StepFinished("r1", "promote-db", "again", T0.plusSeconds(6)));

    Replayed replayed = FailoverRun.replayAll(journal);

    assertThat(replayed.runs()).extracting(FailoverRun::runId).containsExactly("r0", "r1");
    assertThat(replayed.unfinished()).map(FailoverRun::runId).contains("r1");
    assertThat(replayed.problems()).containsExactly(
        "record 3 (StepFinished of run ghost): ignored, the run has no RunStarted before it",
        "record 8 (StepFinished of run r1): ignored, run r1: cannot apply StepFinished"
            + " promote-db: step is FINISHED");
    assertThat(replayed.unfinished().orElseThrow().step("promote-db").message())
        .isEqualTo("pg_is_in_recovery false");
  }

  private static List<JournalRecord> crashedDuringPromoteCache() {
    return new Recorder(FailoverRun.plan("r1", RunMode.EXECUTE, Trigger.manual("t"), LAB))
        .then(r -> r.start(false, T0))
        .then(r -> r.startStep("promote-db", T0.plusSeconds(1)))
        .then(r -> r.finishStep("promote-db", "pg_is_in_recovery false", T0.plusSeconds(4)))
        .then(r -> r.startStep("promote-cache", T0.plusSeconds(5)))
        .journal;
  }

  @Test
  void shouldTakeAReprotectedRecordAfterTheRunSucceededAndRefuseItBefore() {
    Recorder live = new Recorder(FailoverRun.plan("rp", RunMode.REPROTECT, Trigger.manual("op"), LAB))
        .then(r -> r.start(false, T0));
    List<JournalRecord> early = new ArrayList<>(live.journal);
    early.add(new JournalRecord.Reprotected("rp", "orders-db", T0.plusSeconds(1)));
    assertThat(FailoverRun.replayAll(early).problems()).singleElement().asString().contains("run is RUNNING");

    live.then(r -> r.skipStep("promote-db", "done", T0.plusSeconds(2)))
        .then(r -> r.skipStep("promote-cache", "done", T0.plusSeconds(2)))
        .then(r -> r.finish(T0.plusSeconds(3)));
    List<JournalRecord> journal = new ArrayList<>(live.journal);
    journal.add(new JournalRecord.Reprotected("rp", "orders-db", T0.plusSeconds(9)));
    // Twice: each lease holder in turn may confirm the same replica; the fact does not conflict.
    journal.add(new JournalRecord.Reprotected("rp", "orders-db", T0.plusSeconds(10)));

    Replayed replayed = FailoverRun.replayAll(journal);
    assertThat(replayed.problems()).isEmpty();
    assertThat(replayed.runs()).singleElement().isEqualTo(live.run);
  }
}
