package io.drwatch.app.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.detect.PeerReports;
import io.drwatch.app.detect.TargetLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Tilt;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.detect.SuspicionTracker;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.round.DetectionSettings;
import io.drwatch.port.TargetProbe;
import io.drwatch.port.VoteExchange;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopTicks;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What runs a round between ticks. The tick here is an hour, so every round after start is a wake:
 * a flipped suspicion, a mapped replica whose link flipped, a peer's changed report. And while the
 * round waits on the peer's word, the peer is asked at the prompt cadence.
 */
class DecisionLoopWakeTest {
  private static final Duration TICK = Duration.ofHours(1);
  private static final Duration PROBE = Duration.ofMillis(20);
  private static final ChannelSpec SPEC = new ChannelSpec("orders-db", ChannelKind.POSTGRES,
      Duration.ofMillis(500), Duration.ofSeconds(5), 3);

  private final Vertx vertx = TestVertx.create();
  private final Clock clock = Clock.systemUTC();
  private final StatusBoard channels = new StatusBoard(List.of(status(LinkState.UP)));
  private final DetectionBoard board = new DetectionBoard();
  private volatile boolean dead;
  private volatile boolean peerSuspects;
  private DecisionLoop loop;

  private final TargetProbe probe = new TargetProbe() {
    @Override
    public Future<Void> check() {
      return dead ? Future.failedFuture(new ConnectException("Connection refused"))
          : Future.succeededFuture();
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };

  private final VoteExchange exchange = new VoteExchange() {
    @Override
    public Future<List<ObserverReport>> fetch() {
      return Future.succeededFuture(List.of(new ObserverReport("obs-b", "db-primary",
          peerSuspects, clock.instant(), Duration.ofSeconds(5), "")));
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };

  @AfterEach
  void tearDown() throws Exception {
    vertx.runOnContext(v -> loop.stop());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private ChannelStatus status(LinkState link) {
    ChannelCondition c = link == LinkState.UP ? ChannelCondition.HEALTHY
        : ChannelCondition.SOURCE_UNREACHABLE;
    return new ChannelStatus(SPEC, c, Optional.of(Duration.ofMillis(500)), SPEC.interval(),
        Optional.empty(), link, 10, 9, Optional.empty(), Optional.empty(), c.name(),
        clock.instant(), Duration.ZERO, link == LinkState.UP, 5, Optional.empty(), false,
        Optional.empty());
  }

  private void start(int observers, PeerReports peers) {
    SuspicionTracker tracker = new SuspicionTracker("db-primary", "obs-a", 2, 2, clock.instant());
    TargetLoop target = new TargetLoop(vertx, probe, tracker, PROBE, PROBE, Duration.ofSeconds(5),
        clock);
    DetectionSettings settings = DetectionSettings.of(QuorumPolicy.of(
        List.of(SignalFamily.PROBES, SignalFamily.REPLICATION), 2, Duration.ZERO), TICK,
        Duration.ofSeconds(5));
    loop = new DecisionLoop(vertx, "obs-a", observers,
        List.of(new DecisionLoop.Target(target, List.of("orders-db"))), settings,
        new Tilt(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30)), null, peers,
        channels, board, clock, clock, System::nanoTime);
    vertx.runOnContext(v -> loop.start());
  }

  private boolean suspected() {
    return board.latest().map(d -> d.own().get(0).suspected()).orElse(false);
  }

  private boolean declared() {
    return board.latest().map(Detection::declared).orElse(false);
  }

  @Test
  void shouldRunARoundWhenAMappedReplicaLosesItsLinkRatherThanAtTheNextTick() throws Exception {
    start(1, null);
    channels.update(status(LinkState.UP));
    dead = true;
    Await.until(Duration.ofSeconds(5), "suspected, by a round its flip woke", this::suspected);
    LoopTicks.await(vertx, PROBE, 3);
    assertThat(declared()).as("the replica still streams").isFalse();

    channels.update(status(LinkState.DOWN));

    Await.until(Duration.ofSeconds(5), "declared without waiting the hour's tick", this::declared);
  }

  @Test
  void shouldAskThePeerAtThePromptCadenceWhileWaitingOnItsWordOnly() throws Exception {
    PeerReports peers = new PeerReports(vertx, exchange, TICK, PROBE);
    start(2, peers);
    channels.update(status(LinkState.UP));
    LoopTicks.await(vertx, PROBE, 3);
    assertThat(peers.prompted()).as("nothing suspected").isFalse();

    dead = true;
    channels.update(status(LinkState.DOWN));
    Await.until(Duration.ofSeconds(5), "prompted once we suspect alone", peers::prompted);
    assertThat(declared()).isFalse();

    peerSuspects = true;
    Await.until(Duration.ofSeconds(5), "declared once the peer's word is in", this::declared);
    Await.until(Duration.ofSeconds(5), "back to the steady cadence", () -> !peers.prompted());
  }
}
