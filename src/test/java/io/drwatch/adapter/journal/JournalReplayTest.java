package io.drwatch.adapter.journal;

import static io.drwatch.adapter.journal.FileJournalTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.Replayed;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.StepState;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The crash-safety path end to end: transitions journaled to disk, the process dies, replay. */
class JournalReplayTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void shouldResumeTheRunFromDiskWithTheInFlightStepToRecheck(@TempDir Path dir) throws Exception {
    Runbook lab = Runbook.of(List.of(
        StepSpec.builder("promote-db", "pg-promote").build(),
        StepSpec.builder("promote-cache", "redis-promote").after("promote-db").build()),
        Set.of("pg-promote", "redis-promote"));
    Vertx vertx = TestVertx.create();
    FileJournal journal = FileJournal.create(vertx, dir);
    FailoverRun run = FailoverRun.plan("r1", RunMode.EXECUTE, Trigger.manual("test"), lab);
    for (Function<FailoverRun, Transition> step : List.<Function<FailoverRun, Transition>>of(
        r -> r.start(false, T0),
        r -> r.startStep("promote-db", T0.plusSeconds(1)),
        r -> r.finishStep("promote-db", "promoted", T0.plusSeconds(3)),
        r -> r.startStep("promote-cache", T0.plusSeconds(4)))) {
      Transition t = step.apply(run);
      await(journal.append(t.record()));
      run = t.run();
    }
    await(journal.close());
    // The crash also cut the next record short.
    Files.writeString(dir.resolve(FileJournal.FILE_NAME), "{\"type\":\"step-fini",
        StandardOpenOption.APPEND);

    FileJournal restarted = FileJournal.create(vertx, dir);
    Replayed replayed = FailoverRun.replayAll(await(restarted.readAll()));

    FailoverRun resumed = replayed.unfinished().orElseThrow();
    assertThat(resumed).isEqualTo(run);
    assertThat(resumed.step("promote-db").state()).isEqualTo(StepState.FINISHED);
    assertThat(resumed.inFlight()).containsExactly("promote-cache");
    assertThat(replayed.problems()).isEmpty();
    assertThat(restarted.warnings()).hasSize(1);
    await(restarted.close());
    await(vertx.close());
  }
}
