package io.drwatch.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.support.Poll;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.ExecutorLease;
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
import org.junit.jupiter.api.Test;

/**
 * A step the runner gives up on (its timeout fired, its run was cancelled) has its
 * {@link FailoverAction.Step#abandoned} signal completed, and an action polling on that signal
 * stops calling its provider.
 */
class StepAbandonTest {
  private static final Duration POLL = Duration.ofMillis(20);

  private final Vertx vertx = TestVertx.create();
  private final List<JournalRecord> journaled = new CopyOnWriteArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final List<FailoverAction.Step> steps = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> polling = new CompletableFuture<>();
  private FailoverPipeline pipeline;
  private StepRunner runner;

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private final Journal journal = new io.drwatch.testkit.ListJournal(journaled);

  /** Applies at once, then reads the provider back every 20 ms for an hour: it never gets there. */
  private final FailoverAction poller = new FailoverAction() {
    @Override
    public String name() {
      return "poller";
    }

    @Override
    public Future<Boolean> check(Step step) {
      return Future.succeededFuture(false);
    }

    @Override
    public Future<Void> apply(Step step) {
      steps.add(step);
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> await(Step step) {
      return Poll.every(POLL, Duration.ofHours(1)).until(vertx, step.abandoned(), () -> {
        if (reads.incrementAndGet() >= 3) {
          polling.complete(null);
        }
        return Future.succeededFuture(false);
      }, done -> done, ar -> "never").result().mapEmpty();
    }
  };

  private CompletableFuture<FailoverRun> start(StepSpec spec) throws Exception {
    Runbook runbook = Runbook.of(List.of(spec), Set.of("poller"));
    PipelineSettings settings = new PipelineSettings(runbook, Map.of(), Map.of(), Map.of(),
        new RpoGate(Duration.ofSeconds(5), Duration.ofSeconds(1)), true, Duration.ZERO,
        Duration.ofMinutes(15), Duration.ofSeconds(6), Duration.ofMinutes(10), Duration.ofMinutes(30));
    RunsBoard board = new RunsBoard();
    runner = new StepRunner(vertx, Map.of("poller", poller), settings, ChannelView.none(), List.of(),
        Clock.systemUTC());
    pipeline = new FailoverPipeline(vertx, settings, journal, board, runner, ExecutorLease.unfenced("test"),
        Clock.systemUTC());
    CompletableFuture<FailoverRun> ended = new CompletableFuture<>();
    board.onChange(r -> {
      if (r.state().isTerminal()) {
        ended.complete(r);
      }
    });
    on(() -> pipeline.recover().compose(x -> pipeline.trigger(RunMode.EXECUTE, Trigger.manual("test"), false)));
    return ended;
  }

  private <T> T on(java.util.function.Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.completeExceptionally(ar.cause());
      }
    }));
    return done.get(10, TimeUnit.SECONDS);
  }

  /** Reads after things settle (a read in flight at abandonment may still land), then none for 10 poll periods. */
  private void assertNoFurtherReads() throws InterruptedException {
    io.drwatch.testkit.LoopTicks.await(vertx, POLL, 2);
    int after = reads.get();
    io.drwatch.testkit.LoopTicks.await(vertx, POLL, 10);
    assertThat(reads).as("reads after the step was abandoned").hasValue(after);
  }

  @Test
  void shouldAbandonAStepWhoseAwaitOutlivesItsTimeoutAndStopItsPolling() throws Exception {
    CompletableFuture<FailoverRun> ended = start(StepSpec.builder("promote", "poller")
        .timeout(Duration.ofMillis(300)).retries(0).build());

    FailoverRun run = ended.get(10, TimeUnit.SECONDS);

    assertThat(run.state()).isEqualTo(RunState.FAILED);
    assertThat(run.step("promote").message()).isEqualTo("timed out after 300ms");
    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).abandoned().isComplete()).as("signal completed").isTrue();
    assertThat(reads.get()).as("polled while the step ran").isGreaterThanOrEqualTo(3);
    assertNoFurtherReads();
    assertThat(on(() -> Future.succeededFuture(runner.inFlight()))).isEmpty();
  }

  @Test
  void shouldAbandonTheStepsInFlightOfACancelledRun() throws Exception {
    CompletableFuture<FailoverRun> ended = start(StepSpec.builder("promote", "poller")
        .timeout(Duration.ofMinutes(10)).build());
    polling.get(10, TimeUnit.SECONDS);
    assertThat(ended).isNotDone();
    String runId = steps.get(0).runId();
    assertThat(steps.get(0).abandoned().isComplete()).isFalse();

    on(() -> pipeline.cancel(runId, "alice"));

    assertThat(ended.get(10, TimeUnit.SECONDS).state()).isEqualTo(RunState.CANCELLED);
    assertThat(steps.get(0).abandoned().isComplete()).as("signal completed").isTrue();
    assertNoFurtherReads();
  }

  @Test
  void shouldAbandonTheStepsInFlightWhenTheExecutorLeaseIsLost() throws Exception {
    PipelineFixture f = new PipelineFixture(vertx, new CopyOnWriteArrayList<>(), true,
        PipelineFixture.step("promote", "noop"), PipelineFixture.step("notify", "slow", "promote"));
    f.recover();
    f.on(f::auto);
    io.drwatch.testkit.Await.until(Duration.ofSeconds(5), () -> f.actions.get("slow").gate != null);
    FailoverAction.Step inFlight = f.actions.get("slow").steps.get(0);
    assertThat(inFlight.abandoned().isComplete()).isFalse();
    assertThat(f.actions.get("noop").steps.get(0).abandoned().isComplete()).as("an ended step's signal").isTrue();

    f.lease.set(java.util.Optional.empty(), "obs-b");

    assertThat(inFlight.abandoned().isComplete()).as("signal completed").isTrue();
  }
}
