package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.app.probe.ProbeLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.port.ExecutorLease;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Trigger;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code drwatch drill} needs and nothing more: the channel probes (to measure the RPO at
 * promotion) and the pipeline, on a journal of its own. No detection, no SQS consumer, no auto
 * trigger, no HTTP listener and no executor lease: a drill beside a running daemon can neither
 * resume, block nor race a production run, and consumes none of its events.
 */
public final class DrillRig implements AutoCloseable {
  /** The drills' journal in the state dir; the production journal is never opened. */
  public static final String JOURNAL = "drill-journal.jsonl";

  private final Vertx vertx;
  private final SharedAws aws;
  private final CloudWatchReaders cloudWatch;
  private final List<ProbeLoop> loops;
  private final StatusBoard board;
  private final FailoverWiring wiring;

  private DrillRig(Vertx vertx, SharedAws aws, CloudWatchReaders cloudWatch, List<ProbeLoop> loops,
      StatusBoard board, FailoverWiring wiring) {
    this.vertx = vertx;
    this.aws = aws;
    this.cloudWatch = cloudWatch;
    this.loops = loops;
    this.board = board;
    this.wiring = wiring;
  }

  /** Starts the probes and the pipeline of a config with a runbook; blocks until both run. */
  public static DrillRig start(DrwatchConfig config) throws Exception {
    Daemon.quietNetty();
    Vertx vertx = Vertx.vertx();
    SharedAws aws = SharedAws.withDefaults();
    CloudWatchReaders cloudWatch = CloudWatchReaders.withDefaults(vertx, aws);
    StatusBoard board = DaemonVerticle.board(config);
    List<ProbeLoop> loops = DaemonVerticle.probeLoops(new ChannelKinds.Deps(vertx, aws, cloudWatch),
        config, board);
    FailoverWiring wiring = FailoverWiring.create(vertx, config, config.runbook().orElseThrow(),
        board, List.of(), aws, ExecutorLease.unfenced(config.observer().name() + "-drill"), JOURNAL,
        Optional.empty());
    DrillRig rig = new DrillRig(vertx, aws, cloudWatch, loops, board, wiring);
    Context context = vertx.getOrCreateContext();
    rig.await(Future.future(p -> context.runOnContext(v -> wiring.start()
        .onSuccess(x -> loops.forEach(ProbeLoop::start)).onComplete(p))));
    return rig;
  }

  /**
   * Waits up to {@code within} until every channel has an RPO (a heartbeat written, then seen on
   * the replica), so that the drill can measure the loss at promotion; returns those known by then.
   */
  public Map<String, Duration> awaitRpo(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (!board.channels().stream().allMatch(s -> s.rpo().isPresent()) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(100);
    }
    Map<String, Duration> rpo = new LinkedHashMap<>();
    board.channels().forEach(s -> s.rpo().ifPresent(r -> rpo.put(s.name(), r)));
    return rpo;
  }

  /**
   * Triggers one drill run and blocks until it ends (a successful one once its measurement is
   * journaled), calling {@code onChange} with every update of the run.
   */
  public FailoverRun drill(Map<String, Duration> rpo, Consumer<FailoverRun> onChange, Duration timeout)
      throws Exception {
    CompletableFuture<FailoverRun> done = new CompletableFuture<>();
    runs().onChange(r -> {
      onChange.accept(r);
      if (r.mode() == RunMode.DRILL && r.state().isTerminal()
          && (r.state() != RunState.SUCCEEDED || r.measured().isPresent())) {
        done.complete(r);
      }
    });
    vertx.runOnContext(v -> pipeline().trigger(RunMode.DRILL,
        new Trigger(List.of("drill from the command line"), rpo), false)
        .onFailure(done::completeExceptionally));
    return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  StatusBoard board() {
    return board;
  }

  FailoverPipeline pipeline() {
    return wiring.pipeline();
  }

  RunsBoard runs() {
    return wiring.runs();
  }

  Vertx vertx() {
    return vertx;
  }

  @Override
  public void close() throws Exception {
    List<Future<Void>> closing = new ArrayList<>();
    loops.forEach(l -> closing.add(l.stop()));
    closing.add(wiring.stop());
    try {
      await(Future.join(closing).mapEmpty());
    } finally {
      cloudWatch.close();
      aws.close();
      vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }

  private <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
