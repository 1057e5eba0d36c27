package io.drwatch.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.support.Backoff;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.CodedFailure;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

class AwsRetriedTest {
  private static Vertx vertx;
  private final Retry call = Retry.of("rds PromoteReadReplica").attempts(3)
      .backoff(new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static AwsServiceException service(int status, String code) {
    return AwsServiceException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("Rate exceeded").build()).build();
  }

  private static <T> CompletableFuture<T> failing(Throwable t) {
    return CompletableFuture.failedFuture(t);
  }

  @Test
  void shouldRetryThrottlingUntilTheCallSucceeds() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Context context = vertx.getOrCreateContext();
    String result = AwsFutures.<String>retried(call, context, () -> calls.incrementAndGet() < 3
            ? failing(service(400, "ThrottlingException")) : CompletableFuture.completedFuture("ok"))
        .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

    assertThat(result).isEqualTo("ok");
    assertThat(calls).hasValue(3);
  }

  @Test
  void shouldFailNamingTheCallAttemptsAndReasonWhenRetriesRunOut() {
    AtomicInteger calls = new AtomicInteger();
    Throwable err = AwsFutures.retried(call, vertx.getOrCreateContext(), () -> {
      calls.incrementAndGet();
      return failing(service(503, "ServiceUnavailable"));
    }).toCompletionStage().toCompletableFuture().handle((v, e) -> e).join();

    assertThat(calls).hasValue(3);
    assertThat(AwsFutures.unwrap(err)).hasMessage(
        "rds PromoteReadReplica failed after 3 attempts: ServiceUnavailable (HTTP 503): Rate exceeded");
  }

  @Test
  void shouldNotRetryAClientError() {
    AtomicInteger calls = new AtomicInteger();
    Throwable err = AwsFutures.retried(call, vertx.getOrCreateContext(), () -> {
      calls.incrementAndGet();
      return failing(service(400, "InvalidDBInstanceState"));
    }).toCompletionStage().toCompletableFuture().handle((v, e) -> e).join();

    assertThat(calls).hasValue(1);
    assertThat(AwsFutures.unwrap(err)).hasMessage(
        "rds PromoteReadReplica failed: InvalidDBInstanceState (HTTP 400): Rate exceeded");
    CodedFailure coded = (CodedFailure) AwsFutures.unwrap(err);
    assertThat(coded.providerCode()).contains("InvalidDBInstanceState");
    assertThat(coded.httpStatus()).hasValue(400);
  }
}
