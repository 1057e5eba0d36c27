package io.drwatch.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.FailoverAction;
import io.drwatch.port.Journal;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A step that fails before its apply (its check errs, its params are bad) uses up attempts like
 * any failure, so the run ends after its retries instead of asking the action again forever.
 */
class StepAttemptsTest {
  private final Vertx vertx = TestVertx.create();
  private final List<JournalRecord> journaled = new CopyOnWriteArrayList<>();
  private final AtomicInteger checks = new AtomicInteger();

  /** Loads the pipeline's classes outside the blocked-thread check: a cold JVM is not the subject. */
  @BeforeAll
  static void warmUp() throws Exception {
    StepAttemptsTest warm = new StepAttemptsTest();
    try {
      warm.runToEnd(StepSpec.builder("warm-up", "flaky").build());
    } finally {
      warm.stop();
    }
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private final Journal journal = new io.drwatch.testkit.ListJournal(journaled);

  private final FailoverAction failingCheck = new FailoverAction() {
    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public Future<Boolean> check(Step step) {
      checks.incrementAndGet();
      return Future.failedFuture(new IllegalStateException("DescribeThing: AccessDenied"));
    }

    @Override
    public Future<Void> apply(Step step) {
      throw new AssertionError("apply must not run after a failed check");
    }

    @Override
    public Future<Void> await(Step step) {
      throw new AssertionError("await must not run after a failed check");
    }
  };

  private FailoverRun runToEnd(StepSpec spec) throws Exception {
    Runbook runbook = Runbook.of(List.of(spec), Set.of("flaky"));
    PipelineSettings settings = new PipelineSettings(runbook, Map.of(), Map.of(), Map.of(),
        new RpoGate(Duration.ofSeconds(5), Duration.ofSeconds(1)), true, Duration.ZERO,
        Duration.ofMinutes(15), Duration.ofSeconds(6), Duration.ofMinutes(10), Duration.ofMinutes(30));
    RunsBoard board = new RunsBoard();
    StepRunner steps = new StepRunner(vertx, Map.of("flaky", failingCheck), settings, ChannelView.none(),
        List.of(), Clock.systemUTC());
    FailoverPipeline pipeline = new FailoverPipeline(vertx, settings, journal, board, steps,
        io.drwatch.port.ExecutorLease.unfenced("test"), Clock.systemUTC());
    CompletableFuture<FailoverRun> ended = new CompletableFuture<>();
    board.onChange(r -> {
      if (r.state().isTerminal()) {
        ended.complete(r);
      }
    });
    vertx.runOnContext(v -> pipeline.recover()
        .compose(x -> pipeline.trigger(RunMode.EXECUTE, Trigger.manual("test"), false)));
    return ended.get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldFailTheRunAfterTheRetriesWhenTheCheckKeepsFailing() throws Exception {
    FailoverRun run = runToEnd(StepSpec.builder("promote-db", "flaky").retries(2).build());

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(checks).hasValue(3);
    assertThat(run.step("promote-db").attempt()).isEqualTo(3);
    assertThat(run.reason()).isEqualTo("step promote-db failed: check failed: DescribeThing: AccessDenied");
    assertThat(journaled).filteredOn(r -> r instanceof JournalRecord.StepFailed).hasSize(3);
  }
}
