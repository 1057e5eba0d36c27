package io.drwatch.app.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.port.VoteExchange;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopTicks;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The peer poll's two cadences on a real event loop: the steady one (here 1 h, so it polls once at
 * start and never again within a test) and the prompt one while a round waits on the peers.
 */
class PeerReportsTest {
  private static final Duration SLOW = Duration.ofHours(1);
  private static final Duration FAST = Duration.ofMillis(20);

  private final Vertx vertx = TestVertx.create();
  private final Context context = vertx.getOrCreateContext();
  private final AtomicInteger fetches = new AtomicInteger();
  /** Answers held back by the test; an empty queue answers at once. */
  private final Queue<Promise<List<ObserverReport>>> held = new ConcurrentLinkedQueue<>();
  private volatile boolean hold;
  private volatile boolean suspected;

  private final VoteExchange exchange = new VoteExchange() {
    @Override
    public Future<List<ObserverReport>> fetch() {
      fetches.incrementAndGet();
      List<ObserverReport> answer = List.of(new ObserverReport("obs-b", "db-primary", suspected,
          Instant.now(), Duration.ofSeconds(1), ""));
      if (!hold) {
        return Future.succeededFuture(answer);
      }
      Promise<List<ObserverReport>> p = Promise.promise();
      held.add(p);
      return p.future().map(ignored -> answer);
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  };

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private PeerReports started() {
    PeerReports peers = new PeerReports(vertx, exchange, SLOW, FAST);
    context.runOnContext(v -> peers.start());
    Await.until(Duration.ofSeconds(5), "the first poll at start", () -> fetches.get() == 1);
    return peers;
  }

  @Test
  void shouldAskAtOnceAndThenAtThePromptCadenceWhilePrompted() throws Exception {
    PeerReports peers = started();
    AtomicInteger changes = new AtomicInteger();
    peers.onChange(changes::incrementAndGet);

    suspected = true;
    context.runOnContext(v -> peers.prompt(true));
    Await.until(Duration.ofSeconds(5), "the peer's flip heard", () -> changes.get() == 1);
    Await.until(Duration.ofSeconds(5), "polls at the prompt cadence", () -> fetches.get() >= 6);
    assertThat(peers.reports()).singleElement().satisfies(r -> assertThat(r.suspected()).isTrue());

    context.runOnContext(v -> peers.prompt(false));
    LoopTicks.await(vertx, FAST, 2); // a poll already on its way may still land
    int after = fetches.get();
    LoopTicks.await(vertx, FAST, 10);
    assertThat(fetches.get()).as("back to the 1 h cadence").isEqualTo(after);
    assertThat(peers.prompted()).isFalse();
  }

  @Test
  void shouldAskAgainWhenPromptedWhileAnOlderPollIsStillOnItsWay() throws Exception {
    hold = true;
    PeerReports peers = new PeerReports(vertx, exchange, SLOW, SLOW);
    context.runOnContext(v -> peers.start());
    Await.until(Duration.ofSeconds(5), "the first poll, held", () -> held.size() == 1);

    context.runOnContext(v -> peers.prompt(true));
    LoopTicks.await(vertx, FAST, 3);
    assertThat(fetches.get()).as("no overlap while one is on its way").isEqualTo(1);

    hold = false;
    held.poll().complete(List.of());
    Await.until(Duration.ofSeconds(5), "asked once more at once, not in an hour",
        () -> fetches.get() == 2);
    LoopTicks.await(vertx, FAST, 5);
    assertThat(fetches.get()).isEqualTo(2);
  }

  @Test
  void shouldNotPromptBeforeStartOrAfterStop() throws Exception {
    PeerReports peers = new PeerReports(vertx, exchange, SLOW, FAST);
    context.runOnContext(v -> peers.prompt(true));
    LoopTicks.await(vertx, FAST, 5);
    assertThat(fetches.get()).isZero();
    assertThat(peers.prompted()).isFalse();

    PeerReports running = started();
    context.runOnContext(v -> {
      running.prompt(true);
      running.stop();
    });
    LoopTicks.await(vertx, FAST, 2);
    int after = fetches.get();
    LoopTicks.await(vertx, FAST, 10);
    assertThat(fetches.get()).isEqualTo(after);
    assertThat(running.prompted()).isFalse();
  }

  @Test
  void shouldFallBackToTheSteadyCadenceWhenAPromptedEpisodeOutlastsItsBound() throws Exception {
    PeerReports peers = new PeerReports(vertx, exchange, SLOW, FAST, FAST.multipliedBy(5));
    context.runOnContext(v -> peers.start());
    Await.until(Duration.ofSeconds(5), "the first poll at start", () -> fetches.get() == 1);

    context.runOnContext(v -> peers.prompt(true));
    // The start's poll, the one at once and five at the prompt cadence; then the fast timer is gone.
    Await.until(Duration.ofSeconds(5), "the episode's bound reached",
        () -> fetches.get() >= 1 + 1 + 5 && !peers.prompted());
    LoopTicks.await(vertx, FAST, 3);
    int after = fetches.get();
    assertThat(after).as("no poll beyond the bound").isEqualTo(1 + 1 + 5);
    context.runOnContext(v -> peers.prompt(true)); // the round still waits: no new episode
    LoopTicks.await(vertx, FAST, 10);
    assertThat(fetches.get()).as("the minority does not keep asking").isEqualTo(after);

    context.runOnContext(v -> {
      peers.prompt(false);
      peers.prompt(true);
    });
    Await.until(Duration.ofSeconds(5), "a new episode asks again", () -> fetches.get() > after);
  }
}
