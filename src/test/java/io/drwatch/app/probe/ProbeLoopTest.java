package io.drwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The loop's own rules, with a scripted probe standing in for a database. */
@ExtendWith(VertxExtension.class)
class ProbeLoopTest {
  private static final ChannelSpec SPEC = new ChannelSpec(
      "orders-db", ChannelKind.POSTGRES, Duration.ofSeconds(10), Duration.ofSeconds(1), 3);
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC);

  /** Replica reads complete only when the test says so; writes succeed at once. */
  static class ScriptedProbe implements ChannelProbe {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger writes = new AtomicInteger();
    Promise<ReplicaView> pendingRead;
    boolean hangReads;

    @Override
    public Future<Heartbeat> writeHeartbeat() {
      int seq = writes.incrementAndGet();
      return Future.succeededFuture(new Heartbeat(seq, CLOCK.instant()));
    }

    @Override
    public Future<ReplicaView> readReplica() {
      reads.incrementAndGet();
      if (hangReads) {
        return Promise.<ReplicaView>promise().future();
      }
      pendingRead = Promise.promise();
      return pendingRead.future();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  private static ProbeLoop loop(Vertx vertx, ScriptedProbe probe, StatusBoard board, Duration timeout) {
    return new ProbeLoop(vertx, SPEC, probe, board, timeout, CLOCK, System::nanoTime);
  }

  private static StatusBoard board() {
    return new StatusBoard(List.of(ChannelStatus.initial(SPEC, CLOCK.instant())));
  }

  @Test
  void shouldSkipATickWhileTheRoundIsStillRunning(Vertx vertx, VertxTestContext ctx) {
    ScriptedProbe probe = new ScriptedProbe();
    StatusBoard board = board();
    ProbeLoop loop = loop(vertx, probe, board, Duration.ofSeconds(5));
    vertx.runOnContext(v -> {
      Future<Void> first = loop.tick();
      Future<Void> second = loop.tick();
      ctx.verify(() -> {
        assertThat(second.succeeded()).isTrue();
        assertThat(loop.skippedTicks()).isEqualTo(1);
        assertThat(probe.reads.get()).isEqualTo(1);
        assertThat(first.isComplete()).isFalse();
      });
      probe.pendingRead.complete(ReplicaView.of(null, LinkState.UP, "streaming"));
      first.onComplete(ctx.succeeding(done -> ctx.verify(() -> {
        assertThat(probe.writes.get()).isEqualTo(1);
        assertThat(board.channel("orders-db").rounds()).isEqualTo(1);
        assertThat(board.allProbed()).isTrue();
        ctx.completeNow();
      })));
    });
  }

  @Test
  void shouldBoundEveryCallByTheTimeoutAndStillWriteTheHeartbeat(Vertx vertx, VertxTestContext ctx) {
    ScriptedProbe probe = new ScriptedProbe();
    probe.hangReads = true;
    StatusBoard board = board();
    ProbeLoop loop = loop(vertx, probe, board, Duration.ofMillis(50));
    vertx.runOnContext(v -> loop.tick().onComplete(ctx.succeeding(done -> ctx.verify(() -> {
      ChannelStatus s = board.channel("orders-db");
      assertThat(s.condition()).isEqualTo(ChannelCondition.REPLICA_UNREACHABLE);
      assertThat(s.verdict()).isEqualTo("replica unreachable: timed out after 50ms");
      assertThat(probe.writes.get()).isEqualTo(1);
      assertThat(board.recentVerdicts()).singleElement().asString()
          .endsWith("orders-db UNKNOWN -> REPLICA_UNREACHABLE: replica unreachable: timed out after 50ms");
      ctx.completeNow();
    }))));
  }

  @Test
  void shouldTurnASynchronousThrowIntoAFailedCall(Vertx vertx, VertxTestContext ctx) {
    ScriptedProbe probe = new ScriptedProbe() {
      @Override
      public Future<Heartbeat> writeHeartbeat() {
        throw new IllegalStateException("pool closed");
      }
    };
    StatusBoard board = board();
    ProbeLoop loop = loop(vertx, probe, board, Duration.ofSeconds(1));
    vertx.runOnContext(v -> {
      Future<Void> round = loop.tick();
      probe.pendingRead.complete(ReplicaView.of(null, LinkState.UP, ""));
      round.onComplete(ctx.succeeding(done -> ctx.verify(() -> {
        assertThat(board.channel("orders-db").condition()).isEqualTo(ChannelCondition.SOURCE_UNREACHABLE);
        assertThat(board.channel("orders-db").lastError()).contains("pool closed");
        ctx.completeNow();
      })));
    });
  }
}
