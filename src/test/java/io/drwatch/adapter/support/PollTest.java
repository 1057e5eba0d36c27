package io.drwatch.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopTicks;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PollTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  /** A clock that moves only when told to: the deadline is virtual, the timers are short and real. */
  static final class HandClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldReadUntilDone() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Poll.Polling<Integer> p = Poll.every(Duration.ofMillis(5), Duration.ofSeconds(10))
        .until(vertx, () -> Future.succeededFuture(reads.incrementAndGet()), n -> n >= 3, ar -> "never");
    assertThat(await(p.result())).isEqualTo(3);
    assertThat(p.reads()).isEqualTo(3);
  }

  @Test
  void shouldTimeOutOnTheInjectedClockNamingTheLastState() throws Exception {
    HandClock clock = new HandClock();
    AtomicInteger reads = new AtomicInteger();
    Poll.Polling<Poll.Seen> p = Poll.every(Duration.ofMillis(5), Duration.ofMinutes(30)).clock(clock)
        .untilSeen(vertx, "step s: rds-promote db-1", () -> {
          if (reads.incrementAndGet() == 4) {
            clock.advance(Duration.ofMinutes(31)); // half an hour passes during the fourth read
          }
          return Future.succeededFuture(Poll.Seen.notYet("status modifying"));
        });
    Throwable err = failureOf(p.result());
    assertThat(reads).hasValue(4);
    assertThat(err).hasMessage("step s: rds-promote db-1: still status modifying after 30m");
    assertThat(CodedFailure.codeOf(err)).isEqualTo(FailureCode.TIMEOUT);
  }

  @Test
  void shouldEndAtTheFirstFailedReadUnlessToldToKeepOn() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Throwable err = failureOf(Poll.every(Duration.ofMillis(5), Duration.ofSeconds(10)).until(vertx,
        () -> {
          reads.incrementAndGet();
          return Future.<Integer>failedFuture(CodedFailure.of(FailureCode.AUTH, "HTTP 403"));
        }, n -> true, ar -> "never").result());
    assertThat(reads).hasValue(1);
    assertThat(CodedFailure.codeOf(err)).isEqualTo(FailureCode.AUTH);

    HandClock clock = new HandClock();
    AtomicInteger more = new AtomicInteger();
    Throwable last = failureOf(Poll.every(Duration.ofMillis(5), Duration.ofSeconds(10)).clock(clock).keepingOnFailure()
        .until(vertx, () -> {
          if (more.incrementAndGet() == 3) {
            clock.advance(Duration.ofSeconds(11));
          }
          return Future.<Integer>failedFuture(CodedFailure.of(FailureCode.UNREACHABLE, "refused"));
        }, n -> true, ar -> (ar.failed() ? ar.cause().getMessage() : "?") + " (still failing after 10s)").result());
    assertThat(more).hasValue(3);
    assertThat(last).hasMessage("refused (still failing after 10s)");
    assertThat(CodedFailure.codeOf(last)).isEqualTo(FailureCode.TIMEOUT);
  }

  @Test
  void shouldStopReadingOnceCancelled() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Poll.Polling<Integer> p = Poll.every(Duration.ofMillis(20), Duration.ofMinutes(5))
        .until(vertx, () -> Future.succeededFuture(reads.incrementAndGet()), n -> false, ar -> "never");
    Await.until(Duration.ofSeconds(5), () -> reads.get() >= 3);
    vertx.runOnContext(v -> p.cancel("step s abandoned"));
    Throwable err = failureOf(p.result());
    assertThat(err).hasMessage("step s abandoned");
    int seen = reads.get();
    LoopTicks.await(vertx, Duration.ofMillis(20), 10);
    assertThat(reads).as("no read after cancel").hasValue(seen);
  }

  @Test
  void shouldStopWhenTheStopSignalCompletes() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    Promise<Void> abandoned = Promise.promise();
    Poll.Polling<Integer> p = Poll.every(Duration.ofMillis(20), Duration.ofMinutes(5))
        .until(vertx, abandoned.future(), () -> Future.succeededFuture(reads.incrementAndGet()), n -> false,
            ar -> "never");
    Await.until(Duration.ofSeconds(5), () -> reads.get() >= 2);
    vertx.runOnContext(v -> abandoned.complete());
    assertThat(CodedFailure.codeOf(failureOf(p.result()))).isEqualTo(FailureCode.TIMEOUT);
    int seen = reads.get();
    LoopTicks.await(vertx, Duration.ofMillis(20), 10);
    assertThat(reads).hasValue(seen);
  }
}
