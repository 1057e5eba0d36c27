package io.drwatch.app.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.probe.ProbeLoopTest.ScriptedProbe;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.runbook.JournalRecord.ReprotectApplied;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.domain.topology.Topology;
import io.drwatch.testkit.Await;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A channel's loop turns with the topology's reading, and only then. */
class DirectedLoopsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private static final ChannelSpec SPEC = new ChannelSpec("db", ChannelKind.POSTGRES,
      Duration.ofSeconds(10), Duration.ofSeconds(1), 3);

  private record Built(boolean reversed, ScriptedProbe probe) {}

  private final Vertx vertx = Vertx.vertx();
  private final Context context = vertx.getOrCreateContext();
  private final List<Built> built = new CopyOnWriteArrayList<>();
  private final StatusBoard board = new StatusBoard(List.of(ChannelStatus.initial(SPEC, T0)));

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private DirectedLoops loops() {
    return new DirectedLoops(vertx, List.of("db"), (channel, reversed) -> {
      ScriptedProbe probe = new ScriptedProbe();
      built.add(new Built(reversed, probe));
      return new ProbeLoop(vertx, SPEC, probe, board, Duration.ofSeconds(1),
          Clock.fixed(T0, ZoneOffset.UTC), System::nanoTime);
    });
  }

  // DirectedLoops has one owner, the daemon's context: the test calls it there too.
  private void on(Runnable r) throws Exception {
    java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
    context.runOnContext(v -> {
      r.run();
      done.complete(null);
    });
    done.get(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldSwapTheLoopWhenTheReplicaIsRebuiltAndBackAfterASwitchover() throws Exception {
    DirectedLoops loops = loops();
    Topology failedOver = Topology.AS_CONFIGURED.after(new DirectionFlipped("r1", List.of("db"), T0));
    on(() -> {
      loops.follow(failedOver);
      loops.start();
    });
    Await.until(Duration.ofSeconds(5), "the configured loop's first round", () -> built.get(0).probe().reads.get() > 0);
    assertThat(built).hasSize(1);
    assertThat(loops.readsReversed("db")).as("a failover alone turns no probe").isFalse();

    Topology rebuilt = failedOver.after(new ReprotectApplied("rp", List.of("db"), T0.plusSeconds(60)));
    on(() -> loops.follow(rebuilt));
    Await.until(Duration.ofSeconds(5), "a reversed loop", () -> built.size() == 2 && loops.readsReversed("db"));
    assertThat(built.get(1).reversed()).isTrue();
    Await.until(Duration.ofSeconds(5), "the reversed loop probing", () -> built.get(1).probe().reads.get() > 0);
    int oldReads = built.get(0).probe().reads.get();

    Topology back = rebuilt.reprotected("db", T0.plusSeconds(90))
        .after(new RunStarted("sw", RunMode.SWITCHOVER, Trigger.manual("t"), List.of(), false, T0.plusSeconds(120)))
        .after(new DirectionFlipped("sw", List.of("db"), T0.plusSeconds(120)));
    on(() -> loops.follow(back));
    Await.until(Duration.ofSeconds(5), "the configured direction again", () -> built.size() == 3 && !loops.readsReversed("db"));
    assertThat(built.get(2).reversed()).isFalse();
    assertThat(built.get(0).probe().reads.get()).as("the first loop stays stopped").isEqualTo(oldReads);
    on(() -> loops.follow(back));
    assertThat(built).as("no turn without a change").hasSize(3);
    on(loops::stop);
  }

  @Test
  void shouldStartAChannelReversedWhenTheJournalSaysSo() throws Exception {
    DirectedLoops loops = loops();
    Topology rebuilt = Topology.AS_CONFIGURED.after(new DirectionFlipped("r1", List.of("db"), T0))
        .after(new ReprotectApplied("rp", List.of("db"), T0.plusSeconds(60)));
    on(() -> {
      loops.follow(rebuilt);
      loops.start();
    });
    Await.until(Duration.ofSeconds(5), "the reversed loop", () -> loops.readsReversed("db")
        && built.get(1).probe().reads.get() > 0);
    assertThat(built.get(0).probe().reads.get()).as("the configured loop never ran").isZero();
    on(loops::stop);
  }
}
