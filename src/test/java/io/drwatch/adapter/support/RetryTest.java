package io.drwatch.adapter.support;

import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopTicks;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RetryTest {
  private static Vertx vertx;
  private final Retry retry = Retry.of("cf GET /zones").attempts(3)
      .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldRetryRetryableCodesUntilSuccess() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String result = retry.run(vertx, () -> calls.incrementAndGet() < 3
            ? Future.<String>failedFuture(CodedFailure.of(FailureCode.THROTTLED, "slow down"))
            : Future.succeededFuture("ok"))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldStopAfterTheAttemptsKeepingTheCodeAndProviderDetails() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Throwable err = failureOf(retry.run(vertx, () -> {
      calls.incrementAndGet();
      return Future.failedFuture(CodedFailure.of(FailureCode.UNREACHABLE, "HTTP 503", "10000", 503, null, null));
    }));
    assertThat(calls).hasValue(3);
    CodedFailure coded = (CodedFailure) err;
    assertThat(coded).hasMessage("cf GET /zones failed after 3 attempts: HTTP 503");
    assertThat(coded.code()).isEqualTo(FailureCode.UNREACHABLE);
    assertThat(coded.providerCode()).contains("10000");
    assertThat(coded.httpStatus()).hasValue(503);
  }

  @Test
  void shouldNotRetryAnswersThatAreNotWorthIt() throws Exception {
    for (FailureCode code : new FailureCode[] {FailureCode.AUTH, FailureCode.REJECTED, FailureCode.NOT_FOUND,
        FailureCode.BAD_PARAMS, FailureCode.TERMINAL_STATE, FailureCode.TLS}) {
      AtomicInteger calls = new AtomicInteger();
      Throwable err = failureOf(retry.run(vertx, () -> {
        calls.incrementAndGet();
        return Future.failedFuture(CodedFailure.of(code, "no"));
      }));
      assertThat(calls).as(code.name()).hasValue(1);
      assertThat(err).hasMessage("cf GET /zones failed: no");
      assertThat(CodedFailure.codeOf(err)).isEqualTo(code);
    }
  }

  @Test
  void shouldRetryAny5xxEvenWhenCodedOtherwiseAndUncodedTransportFailures() {
    assertThat(Retry.retryable(CodedFailure.of(FailureCode.REJECTED, "x", null, 502, null, null))).isTrue();
    assertThat(Retry.retryable(new ConnectException("Connection refused"))).isTrue();
    assertThat(Retry.retryable(new java.util.concurrent.TimeoutException())).isTrue();
    assertThat(Retry.retryable(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void shouldHonourRetryAfterCappedAtTheMaximum() throws Exception {
    Retry r = new Retry("x", 2, new Backoff(Duration.ofMillis(1), Duration.ofMillis(1)), Duration.ofMillis(300),
        java.util.concurrent.ThreadLocalRandom.current());
    CodedFailure asked = CodedFailure.of(FailureCode.THROTTLED, "429", null, 429, Duration.ofMillis(250), null);
    assertThat(r.delayMillis(0, asked)).isEqualTo(250);
    CodedFailure tooLong = CodedFailure.of(FailureCode.THROTTLED, "429", null, 429, Duration.ofSeconds(60), null);
    assertThat(r.delayMillis(0, tooLong)).isEqualTo(300);
    assertThat(r.delayMillis(0, CodedFailure.of(FailureCode.THROTTLED, "429"))).as("no Retry-After: backoff").isBetween(0L, 1L);

    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    String result = r.run(vertx, () -> calls.incrementAndGet() == 1 ? Future.<String>failedFuture(asked)
        : Future.succeededFuture("ok")).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(result).isEqualTo("ok");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(240));
  }

  @Test
  void shouldTurnAThrowingSupplierIntoAFailure() throws Exception {
    Throwable err = failureOf(retry.run(vertx, () -> {
      throw new IllegalArgumentException("step s: missing parameter instance");
    }));
    assertThat(CodedFailure.codeOf(err)).isEqualTo(FailureCode.BAD_PARAMS);
  }

  @Test
  void shouldStartNoAttemptOnceStoppedAndCutAPauseShort() throws Exception {
    io.vertx.core.Promise<Void> stop = io.vertx.core.Promise.promise();
    AtomicInteger calls = new AtomicInteger();
    Retry slow = Retry.of("rds DescribeDBInstances").attempts(10)
        .backoff(new Backoff(Duration.ofMillis(200), Duration.ofMillis(200))).stopOn(stop.future());
    Future<String> f = slow.run(vertx, () -> {
      calls.incrementAndGet();
      return Future.failedFuture(CodedFailure.of(FailureCode.THROTTLED, "Rate exceeded"));
    });
    Await.until(Duration.ofSeconds(5), () -> calls.get() == 1); // then it pauses before the second
    vertx.runOnContext(v -> stop.complete());

    Throwable err = failureOf(f);
    assertThat(err).hasMessage("rds DescribeDBInstances: abandoned");
    assertThat(CodedFailure.codeOf(err)).isEqualTo(FailureCode.TIMEOUT);
    LoopTicks.await(vertx, Duration.ofMillis(200), 2); // the pause's timer fires, and calls nothing
    assertThat(calls).hasValue(1);

    assertThat(failureOf(slow.run(vertx, () -> Future.succeededFuture(calls.incrementAndGet() + ""))))
        .as("already stopped: not even a first attempt").hasMessage("rds DescribeDBInstances: abandoned");
    assertThat(calls).hasValue(1);
  }
}
