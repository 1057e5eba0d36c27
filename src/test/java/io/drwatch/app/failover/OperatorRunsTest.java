package io.drwatch.app.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.app.failover.PipelineFixture.CountingAction;
import io.drwatch.app.failover.PipelineFixture.MovingClock;
import io.drwatch.app.failover.PipelineRefusal.Code;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reprotect and switchover runs through the real pipeline over an in-memory journal: the refusals,
 * the records that follow a successful run, and the zero-loss gate on a clock the test moves.
 */
class OperatorRunsTest {
  private static final ChannelSpec DB = new ChannelSpec("db", ChannelKind.POSTGRES, Duration.ofSeconds(1),
      Duration.ofSeconds(5), 3);

  private Vertx vertx;
  private final MovingClock clock = new MovingClock();
  private final List<JournalRecord> journal = new CopyOnWriteArrayList<>();
  private final RunsBoard board = new RunsBoard();
  /** The channel as the probe reads it: the newest heartbeat the replica shows was written at. */
  private volatile Instant replicaHas = Instant.EPOCH;
  private FailoverPipeline pipeline;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void refusesWhatAnOperatorCannotMeanNow() throws Exception {
    build(true);
    assertThat(refusal(RunMode.REPROTECT, false)).isEqualTo(Code.NOTHING_TO_DO);
    build(false);
    assertThat(refusal(RunMode.SWITCHOVER, false)).isEqualTo(Code.NOT_CONFIGURED);
    assertThatThrownBy(() -> pipeline.start(RunMode.EXECUTE, "ann", false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reprotectAfterAFailoverJournalsTheChannelsItRebuilt() throws Exception {
    build(true);
    replicaHas = clock.instant();
    FailoverRun failover = on(() -> pipeline.trigger(RunMode.EXECUTE, Trigger.manual("test"), false));
    awaitState(failover.runId(), RunState.SUCCEEDED);
    awaitRecord(JournalRecord.DirectionFlipped.class);
    assertThat(board.topology().unprotected()).containsExactly("db");

    assertThat(refusal(RunMode.SWITCHOVER, false)).as("switchover would promote an UNPROTECTED channel")
        .isEqualTo(Code.UNPROTECTED);
    FailoverRun reprotect = on(() -> pipeline.start(RunMode.REPROTECT, "ann@cli", false));
    assertThat(reprotect.runId()).startsWith("rp-");
    assertThat(reprotect.mode()).isEqualTo(RunMode.REPROTECT);
    awaitState(reprotect.runId(), RunState.SUCCEEDED);
    JournalRecord.ReprotectApplied applied = awaitRecord(JournalRecord.ReprotectApplied.class);
    assertThat(applied.runId()).isEqualTo(reprotect.runId());
    assertThat(applied.channels()).containsExactly("db");
    assertThat(journal).noneMatch(r -> r instanceof JournalRecord.RunMeasured && r.runId().equals(reprotect.runId()));
    assertThat(pipeline.latch().armed()).as("a reprotect neither latches nor re-arms").isFalse();
  }

  @Test
  void switchoverProvesRpoZeroWithACanaryWrittenAfterTheFence() throws Exception {
    build(true);
    FailoverRun sw = on(() -> pipeline.start(RunMode.SWITCHOVER, "ann", false));
    assertThat(sw.runId()).startsWith("sw-");
    Instant fenced = awaitFinished(sw.runId(), "fence");
    assertThat(refusal(RunMode.REPROTECT, false)).as("another run is active").isEqualTo(Code.RUN_ACTIVE);
    clock.advance(Duration.ofMillis(800));
    replicaHas = fenced.plusMillis(300); // the canary written after the fence reaches the replica
    awaitState(sw.runId(), RunState.SUCCEEDED);
    JournalRecord.SwitchoverMeasured m = awaitRecord(JournalRecord.SwitchoverMeasured.class);
    assertThat(m.rpo()).isZero();
    FailoverRun done = board.run(sw.runId()).orElseThrow();
    Instant promoted = done.step("promote").endedAt().orElseThrow();
    assertThat(m.writeUnavailable()).isEqualTo(Duration.between(fenced, promoted)).isPositive();
    assertThat(done.measured().orElseThrow().rpo()).containsEntry("db", Duration.ZERO);
    assertThat(awaitRecord(JournalRecord.DirectionFlipped.class).channels()).containsExactly("db");
    assertThat(io.drwatch.domain.runbook.SwitchoverWindow.verdict(done).orElseThrow())
        .isEqualTo("switchover " + sw.runId() + ": write-unavailable 800ms, RPO 0 (canary after fence seen on replica)");
  }

  @Test
  void switchoverWithoutProofBlocksUntilAnOperatorAcceptsTheLoss() throws Exception {
    build(true);
    FailoverRun sw = on(() -> pipeline.start(RunMode.SWITCHOVER, "ann", false));
    awaitState(sw.runId(), RunState.BLOCKED_DATA_LOSS);
    assertThat(board.run(sw.runId()).orElseThrow().reason()).contains("db RPO not proven 0")
        .contains("promotion needs acceptDataLoss");
    on(() -> pipeline.approve(sw.runId(), "bob", true));
    awaitState(sw.runId(), RunState.SUCCEEDED);
    assertThat(journal).anyMatch(r -> r instanceof JournalRecord.DataLossAccepted a && a.by().equals("bob"));
    JournalRecord.SwitchoverMeasured m = awaitRecord(JournalRecord.SwitchoverMeasured.class);
    assertThat(m.rpo()).as("the canary RPO at promotion: the loss accepted").isEqualTo(Duration.ofSeconds(2));
    assertThat(io.drwatch.domain.runbook.SwitchoverWindow.verdict(board.run(sw.runId()).orElseThrow()).orElseThrow())
        .endsWith("RPO 2s (data loss accepted by bob)");
  }

  @Test
  void acceptDataLossAtTheStartIsJournaledAndSkipsTheGate() throws Exception {
    build(true);
    FailoverRun sw = on(() -> pipeline.start(RunMode.SWITCHOVER, "carol", true));
    assertThat(sw.dataLossAcceptedBy()).contains("carol");
    awaitState(sw.runId(), RunState.SUCCEEDED);
    assertThat(journal).noneMatch(r -> r instanceof JournalRecord.RunBlocked);
  }

  @Test
  void anUnfinishedReprotectResumesOnlyWithinResumeWithin() throws Exception {
    List<StepSpec> plan = List.of(StepSpec.builder("rebuild", "rebuild").build());
    journal.add(new JournalRecord.RunStarted("rp-old", RunMode.REPROTECT, Trigger.manual("t"), plan, false,
        clock.instant().minus(Duration.ofMinutes(20))));
    journal.add(new JournalRecord.RunFinished("rp-old", RunState.FAILED, "earlier", clock.instant().minusSeconds(60)));
    journal.add(new JournalRecord.RunStarted("rp-stale", RunMode.REPROTECT, Trigger.manual("t"), plan, false,
        clock.instant().minus(Duration.ofMinutes(20))));
    build(true);
    awaitState("rp-stale", RunState.ABANDONED);
    assertThat(board.run("rp-stale").orElseThrow().reason())
        .isEqualTo("not resumed: this reprotect started 20m ago, older than resumeWithin 10m; start it again");

    journal.add(new JournalRecord.RunStarted("rp-young", RunMode.REPROTECT, Trigger.manual("t"), plan, false,
        clock.instant().minus(Duration.ofMinutes(1))));
    build(true);
    awaitState("rp-young", RunState.SUCCEEDED);
  }

  // ---- the world of the test

  private void build(boolean sections) {
    Map<String, CountingAction> actions = Map.of("exec-promote", new CountingAction("exec-promote"),
        "rebuild", new CountingAction("rebuild"), "fence", new CountingAction("fence"),
        "sw-promote", new CountingAction("sw-promote"));
    Runbook execute = Runbook.of(List.of(StepSpec.builder("promote", "exec-promote").promote(true).build()),
        actions.keySet());
    Map<RunMode, ModeRunbook> operator = !sections ? Map.of() : Map.of(
        RunMode.REPROTECT, new ModeRunbook(Runbook.of(List.of(StepSpec.builder("rebuild", "rebuild").build()),
            actions.keySet()), Map.of(), Map.of("rebuild", "db"), Duration.ZERO, Set.of()),
        RunMode.SWITCHOVER, new ModeRunbook(Runbook.of(List.of(
            StepSpec.builder("fence", "fence").fence(true).build(),
            StepSpec.builder("promote", "sw-promote").promote(true).build()), actions.keySet()),
            Map.of(), Map.of("promote", "db"), Duration.ofSeconds(2), Set.of()));
    PipelineSettings settings = new PipelineSettings(execute, Map.of(), Map.of(), Map.of("promote", "db"),
        new RpoGate(Duration.ofSeconds(5), Duration.ofSeconds(1)), false, Duration.ofMinutes(5),
        Duration.ofMinutes(15), Duration.ofSeconds(6), Duration.ofMinutes(10), Duration.ofMinutes(30), operator);
    ChannelView view = new ChannelView() {
      @Override
      public Optional<ChannelStatus> status(String channel) {
        Instant now = clock.instant();
        ChannelStatus s = ChannelStatus.initial(DB, now);
        return Optional.of(new ChannelStatus(DB, ChannelCondition.HEALTHY, Optional.of(Duration.ofSeconds(2)),
            s.resolution(), Optional.of(Duration.between(replicaHas, now)), s.replicaLink(), 1, 1,
            Optional.of(now), Optional.empty(), "healthy", now, Duration.ZERO, true, 1, Optional.empty(), false,
            Optional.empty()));
      }

      @Override
      public boolean primaryRefused(String channel) {
        return false;
      }
    };
    StepRunner runner = new StepRunner(vertx, Map.copyOf(actions), settings, view, List.of(), clock);
    pipeline = new FailoverPipeline(vertx, settings, new MemoryJournal(), board, runner, ExecutorLease.unfenced("obs-a"), clock);
    try {
      on(pipeline::recover);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Code refusal(RunMode mode, boolean accept) throws Exception {
    try {
      FailoverRun r = on(() -> pipeline.start(mode, "ann", accept));
      throw new AssertionError("started " + r.runId() + ", expected a refusal");
    } catch (ExecutionException e) {
      return ((PipelineRefusal) e.getCause()).code();
    }
  }

  private <T> T on(Supplier<Future<T>> call) throws Exception {
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

  private void awaitState(String runId, RunState state) {
    io.drwatch.testkit.Await.until(java.time.Duration.ofSeconds(10),
        () -> "run " + runId + " " + state + "; is " + board.run(runId).map(r -> r.state() + " " + r.reason())
            .orElse("unknown"),
        () -> board.run(runId).map(FailoverRun::state).orElse(null) == state);
  }

  private Instant awaitFinished(String runId, String step) {
    io.drwatch.testkit.Await.until(java.time.Duration.ofSeconds(10), "step " + step + " of " + runId + " ended",
        () -> board.run(runId).flatMap(r -> r.step(step).endedAt()).isPresent());
    return board.run(runId).flatMap(r -> r.step(step).endedAt()).orElseThrow();
  }

  private <R extends JournalRecord> R awaitRecord(Class<R> type) {
    io.drwatch.testkit.Await.until(java.time.Duration.ofSeconds(10), "a " + type.getSimpleName() + " in the journal",
        () -> journal.stream().anyMatch(type::isInstance));
    List<R> found = journal.stream().filter(type::isInstance).map(type::cast).toList();
    return found.get(found.size() - 1);
  }

  private final class MemoryJournal implements Journal {
    @Override
    public Future<Void> append(JournalRecord record, long epoch) {
      journal.add(record);
      return Future.succeededFuture();
    }

    @Override
    public Future<List<JournalRecord>> readAll() {
      return Future.succeededFuture(new ArrayList<>(journal));
    }
  }
}
