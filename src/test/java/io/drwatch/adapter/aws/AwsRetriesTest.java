package io.drwatch.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class AwsRetriesTest {
  private static SqsException service(int status, String code) {
    return (SqsException) SqsException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
  }

  @Test
  void shouldRetryThrottling5xxAndClientSideFailures() {
    assertThat(AwsRetries.retryable(service(400, "ThrottlingException"))).isTrue();
    assertThat(AwsRetries.retryable(service(400, "RequestThrottled"))).isTrue();
    assertThat(AwsRetries.retryable(service(429, "TooManyRequests"))).isTrue();
    assertThat(AwsRetries.retryable(service(503, "ServiceUnavailable"))).isTrue();
    assertThat(AwsRetries.retryable(service(500, "InternalError"))).isTrue();
    assertThat(AwsRetries.retryable(new CompletionException(SdkClientException.create("connection reset")))).isTrue();
    assertThat(AwsRetries.retryable(ApiCallTimeoutException.create(1000))).isTrue();
  }

  @Test
  void shouldNotRetryClientErrors() {
    assertThat(AwsRetries.retryable(service(403, "AccessDenied"))).isFalse();
    assertThat(AwsRetries.retryable(QueueDoesNotExistException.builder().statusCode(400).build())).isFalse();
    assertThat(AwsRetries.retryable(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void shouldDescribeInOneLine() {
    assertThat(AwsRetries.describe(new CompletionException(service(503, "ServiceUnavailable"))))
        .isEqualTo("ServiceUnavailable (HTTP 503): m");
  }

  @Test
  void shouldBackOffExponentiallyWithinHalfToAllOfTheCeiling() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
    RandomGenerator random = RandomGenerator.of("L64X128MixRandom");

    assertThat(b.ceilingMillis(0)).isEqualTo(100);
    assertThat(b.ceilingMillis(3)).isEqualTo(800);
    assertThat(b.ceilingMillis(5)).isEqualTo(2000);
    assertThat(b.ceilingMillis(500)).isEqualTo(2000);
    for (int attempt = 0; attempt < 40; attempt++) {
      long ceiling = b.ceilingMillis(attempt);
      for (int i = 0; i < 50; i++) {
        assertThat(b.delayMillis(attempt, random)).isBetween(ceiling / 2, ceiling);
      }
    }
  }
}
