package io.drwatch.bootstrap;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DrwatchConfig;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;

/**
 * A running drwatch: one Vert.x instance and the daemon verticle. Start and close block the
 * calling thread, so call them from {@code main} or a test, never from an event loop.
 */
public final class Daemon implements AutoCloseable {
  private static final long START_TIMEOUT_SECONDS = 30;

  private final Vertx vertx;
  private final DaemonVerticle verticle;

  private Daemon(Vertx vertx, DaemonVerticle verticle) {
    this.vertx = vertx;
    this.verticle = verticle;
  }

  public static Daemon start(DrwatchConfig config) throws Exception {
    return start(config, new VertxOptions());
  }

  public static Daemon start(DrwatchConfig config, VertxOptions options) throws Exception {
    quietNetty();
    ClassWarmup.run();
    io.drwatch.app.ingest.EventEnvelopes.warmUp();
    Vertx vertx = Vertx.vertx(options);
    DaemonVerticle verticle = new DaemonVerticle(config);
    try {
      verticle.prepare(vertx).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture()
          .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new Daemon(vertx, verticle);
    } catch (Exception e) {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * Netty 4.2's adaptive allocator registers JFR events when it allocates its first buffer, and
   * JFR's set-up then blocks that event loop for 2-3 s (seen as blocked-thread warnings right
   * after start). drwatch does not use those events; an operator can still set the property.
   */
  public static void quietNetty() {
    if (System.getProperty("io.netty.jfr.enabled") == null) {
      System.setProperty("io.netty.jfr.enabled", "false");
    }
  }

  /**
   * The operator's one-line reason when {@link #start} failed because the state dir is locked by
   * another daemon or cannot be written; empty for any other failure.
   */
  public static java.util.Optional<String> stateUnusable(Throwable startFailure) {
    Throwable cause = startFailure instanceof java.util.concurrent.ExecutionException ? startFailure.getCause()
        : startFailure;
    return cause instanceof io.drwatch.port.LeaseFailure f ? java.util.Optional.of(f.getMessage())
        : java.util.Optional.empty();
  }

  public int httpPort() {
    return verticle.httpPort();
  }

  public StatusBoard board() {
    return verticle.board();
  }

  public io.drwatch.app.decide.DetectionBoard detection() {
    return verticle.detection();
  }

  /** The failover pipeline, if the config has a runbook. */
  public java.util.Optional<io.drwatch.app.failover.FailoverPipeline> pipeline() {
    return java.util.Optional.ofNullable(verticle.failover()).map(FailoverWiring::pipeline);
  }

  public java.util.Optional<io.drwatch.app.failover.RunsBoard> runs() {
    return java.util.Optional.ofNullable(verticle.failover()).map(FailoverWiring::runs);
  }

  public Vertx vertx() {
    return vertx;
  }

  /**
   * Undeploys first, so the journal and the SQS consumers close while their worker pools and
   * event loops still run; closing Vert.x directly shuts those down underneath them.
   */
  @Override
  public void close() throws Exception {
    try {
      vertx.undeploy(verticle.deploymentID()).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    } finally {
      // A separate wait: a continuation chained on undeploy would be delivered on an event loop
      // that close() stops, and never complete.
      vertx.close().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
  }
}
