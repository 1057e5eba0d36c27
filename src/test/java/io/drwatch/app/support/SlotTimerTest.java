package io.drwatch.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Virtual milliseconds drive the sweeps here; every step runs on the timer's context, as the
 * loops do, so the real Vert.x timer's own sweeps (which find nothing due) never interleave.
 */
class SlotTimerTest {
  private final Vertx vertx = TestVertx.create();
  private final Context context = vertx.getOrCreateContext();
  private final AtomicLong now = new AtomicLong(1_000_003);
  private final SlotTimer timer = on(() -> new SlotTimer(context, now::get));
  private final List<Long> ran = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private <T> T on(Callable<T> step) {
    CompletableFuture<T> result = new CompletableFuture<>();
    context.runOnContext(v -> {
      try {
        result.complete(step.call());
      } catch (Exception | AssertionError e) {
        result.completeExceptionally(e);
      }
    });
    return result.join();
  }

  private void advanceTo(long millis) {
    now.set(millis);
    on(() -> {
      timer.sweep();
      return null;
    });
  }

  @Test
  void shouldRunATickInItsSlotNeverBeforeAndThenAtAFixedRate() {
    on(() -> timer.every(25, 100, () -> ran.add(now.get())));
    advanceTo(1_000_027);
    assertThat(ran).as("due at 1_000_028, its slot ends at 1_000_030").isEmpty();
    advanceTo(1_000_030);
    advanceTo(1_000_129);
    advanceTo(1_000_135);
    advanceTo(1_000_230);
    assertThat(ran).containsExactly(1_000_030L, 1_000_135L, 1_000_230L);
  }

  @Test
  void shouldSkipTicksMissedDuringAStallRatherThanRunThemInABurst() {
    on(() -> timer.every(0, 100, () -> ran.add(now.get())));
    advanceTo(1_000_010);
    advanceTo(1_000_555);
    advanceTo(1_000_610);
    advanceTo(1_000_710);
    assertThat(ran).as("due 103..503 skipped, not run in a burst; the phase (x03) is kept")
        .containsExactly(1_000_010L, 1_000_555L, 1_000_610L, 1_000_710L);
  }

  @Test
  void shouldStopACancelledTickAndDisarmWhenNothingIsLeft() {
    SlotTimer.Ticket ticket = on(() -> timer.every(0, 100, () -> ran.add(now.get())));
    assertThat(timer.entries()).isEqualTo(1);
    advanceTo(1_000_010);
    on(() -> {
      ticket.cancel();
      return null;
    });
    advanceTo(1_000_200);
    assertThat(ran).containsExactly(1_000_010L);
    assertThat(timer.entries()).isZero();
  }

  @Test
  void shouldKeepTickingTheOthersWhenOneTickThrows() {
    on(() -> timer.every(0, 100, () -> {
      throw new IllegalStateException("a loop's bug");
    }));
    on(() -> timer.every(0, 100, () -> ran.add(now.get())));
    advanceTo(1_000_010);
    advanceTo(1_000_110);
    assertThat(ran).containsExactly(1_000_010L, 1_000_110L);
  }

  @Test
  void shouldFailACallStillRunningAtItsDeadlineAndNotBefore() {
    Future<String> f = on(() -> timer.bound(() -> Promise.<String>promise().future(), Duration.ofMillis(300)));
    advanceTo(1_000_300);
    assertThat(f.isComplete()).as("deadline 1_000_303").isFalse();
    advanceTo(1_000_310);
    assertThat(f.failed()).isTrue();
    assertThat(f.cause()).isInstanceOf(TimeoutException.class).hasMessage("Timeout 300 (ms) fired");
    assertThat(timer.entries()).isZero();
  }

  @Test
  void shouldPassAnAnswerBeforeTheDeadlineThroughAndForgetItsDeadline() {
    Promise<String> answer = Promise.promise();
    Future<String> f = on(() -> timer.bound(answer::future, Duration.ofMillis(300)));
    assertThat(timer.entries()).isEqualTo(1);
    on(() -> answer.tryComplete("pong"));
    assertThat(f.result()).isEqualTo("pong");
    assertThat(timer.entries()).isZero();
    advanceTo(1_000_400);
    assertThat(f.result()).isEqualTo("pong");
  }

  @Test
  void shouldSettleAnAnswerFromAnotherThreadOnTheTimersOwnEventLoop() throws Exception {
    Thread loop = on(Thread::currentThread);
    Promise<String> answer = Promise.promise();
    CompletableFuture<Thread> settledOn = new CompletableFuture<>();
    on(() -> timer.bound(answer::future, Duration.ofMillis(300)).onComplete(ar -> settledOn.complete(Thread.currentThread())));
    answer.complete("pong"); // from the test thread, as a client on another event loop would
    assertThat(settledOn.get(5, TimeUnit.SECONDS)).isSameAs(loop);
    assertThat(on(timer::entries)).isZero();
  }

  @Test
  void shouldTurnAThrowIntoAFailedFutureWithoutADeadline() {
    IllegalStateException thrown = new IllegalStateException("no pool");
    Future<String> f = on(() -> timer.bound(() -> {
      throw thrown;
    }, Duration.ofSeconds(1)));
    assertThat(f.cause()).isSameAs(thrown);
    assertThat(timer.entries()).isZero();
  }

  @Test
  void shouldRestartAtNowAfterBeingIdleInsteadOfWalkingTheGap() {
    Future<String> first = on(() -> timer.bound(() -> Promise.<String>promise().future(), Duration.ofMillis(10)));
    advanceTo(1_000_020);
    assertThat(first.failed()).isTrue();
    now.set(1_000_020 + Duration.ofDays(3).toMillis());
    Future<String> second = on(() -> timer.bound(() -> Promise.<String>promise().future(), Duration.ofMillis(10)));
    advanceTo(now.get() + 20);
    assertThat(second.failed()).isTrue();
  }

  /** The real clock and the real Vert.x timer: what the probe loops use. */
  @Test
  void shouldTimeOutOnTheRealTimerOfTheContext() throws Exception {
    SlotTimer real = on(() -> SlotTimer.of(vertx));
    assertThat(on(() -> SlotTimer.of(vertx))).as("one per context").isSameAs(real);
    long start = System.nanoTime();
    Future<String> f = on(() -> real.bound(() -> Promise.<String>promise().future(), Duration.ofMillis(50)));
    CompletableFuture<Throwable> failed = new CompletableFuture<>();
    f.onFailure(failed::complete);
    assertThat(failed.get(5, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
  }
}
