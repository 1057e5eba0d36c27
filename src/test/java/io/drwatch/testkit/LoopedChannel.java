package io.drwatch.testkit;

import io.drwatch.app.probe.ProbeLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One channel run by the real {@link ProbeLoop} on its own Vert.x context, publishing to a real
 * {@link StatusBoard}: adapter tests assert the daemon's conditions and RPO, not their own
 * arithmetic, without starting a whole daemon.
 */
public final class LoopedChannel implements AutoCloseable {
  private final Context context;
  private final ProbeLoop loop;
  private final StatusBoard board;
  private final String name;

  private LoopedChannel(Context context, ProbeLoop loop, StatusBoard board, String name) {
    this.context = context;
    this.loop = loop;
    this.board = board;
    this.name = name;
  }

  public static LoopedChannel start(Vertx vertx, ChannelSpec spec, ChannelProbe probe, Duration timeout) {
    StatusBoard board = new StatusBoard(List.of(ChannelStatus.initial(spec, Instant.now())));
    ProbeLoop loop = ProbeLoop.create(vertx, spec, probe, board, timeout);
    Context context = vertx.getOrCreateContext();
    context.runOnContext(v -> loop.start());
    return new LoopedChannel(context, loop, board, spec.name());
  }

  public ChannelStatus status() {
    return board.channel(name);
  }

  /** Waits until {@code n} more rounds have been published. */
  public ChannelStatus awaitRounds(int n, Duration timeout) {
    long target = status().rounds() + n;
    Await.until(timeout, name + " round " + target, () -> status().rounds() >= target);
    return status();
  }

  public ChannelStatus awaitCondition(ChannelCondition condition, Duration timeout) {
    Await.until(timeout, name + " " + condition + " (now " + status().condition() + ": " + status().verdict() + ")",
        () -> status().condition() == condition);
    return status();
  }

  @Override
  public void close() throws Exception {
    java.util.concurrent.CompletableFuture<Void> stopped = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> loop.stop().onComplete(r -> stopped.complete(null)));
    stopped.get(10, TimeUnit.SECONDS);
  }
}
