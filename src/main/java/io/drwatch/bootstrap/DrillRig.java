package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.app.probe.ProbeLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.port.ExecutorLease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code drwatch drill} needs and nothing more: the channel probes (to measure the RPO at
 * promotion) and the pipeline, on a journal of its own. No detection, no SQS consumer, no auto
 * trigger, no HTTP listener and no executor lease: a drill beside a running daemon can neither
 * resume, block nor race a production run, and consumes none of its events.
 */
final class DrillRig implements AutoCloseable {
  /** The drills' journal in the state dir; the production journal is never opened. */
  static final String JOURNAL = "drill-journal.jsonl";

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

  static DrillRig start(DrwatchConfig config) throws Exception {
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
