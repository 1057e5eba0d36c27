package io.drwatch.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletionException;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SqsException;

class AwsFailuresTest {
  private static SqsException service(int status, String code) {
    return (SqsException) SqsException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
  }

  @Test
  void shouldRetryThrottling5xxAndClientSideFailures() {
    assertThat(Retry.retryable(AwsFailures.coded(service(400, "ThrottlingException")))).isTrue();
    assertThat(Retry.retryable(AwsFailures.coded(service(400, "RequestThrottled")))).isTrue();
    assertThat(Retry.retryable(AwsFailures.coded(service(429, "TooManyRequests")))).isTrue();
    assertThat(Retry.retryable(AwsFailures.coded(service(503, "ServiceUnavailable")))).isTrue();
    assertThat(Retry.retryable(AwsFailures.coded(service(500, "InternalError")))).isTrue();
    assertThat(Retry.retryable(AwsFailures.coded(new CompletionException(SdkClientException.create("connection reset"))))).isTrue();
    assertThat(Retry.retryable(AwsFailures.coded(ApiCallTimeoutException.create(1000)))).isTrue();
  }

  @Test
  void shouldNotRetryClientErrors() {
    assertThat(Retry.retryable(AwsFailures.coded(service(403, "AccessDenied")))).isFalse();
    assertThat(Retry.retryable(AwsFailures.coded(QueueDoesNotExistException.builder().statusCode(400).build()))).isFalse();
    assertThat(Retry.retryable(AwsFailures.coded(new IllegalStateException("bug")))).isFalse();
  }

  @Test
  void shouldCallRepeatableOnlyWhatCannotHaveRun() {
    assertThat(AwsFailures.safeToRepeat(AwsFailures.coded(service(429, "TooManyRequestsException")))).isTrue();
    assertThat(AwsFailures.safeToRepeat(AwsFailures.coded(SdkClientException.create("Unable to execute HTTP request",
        new java.net.ConnectException("Connection refused"))))).as("never connected").isTrue();
    assertThat(AwsFailures.safeToRepeat(AwsFailures.coded(ApiCallTimeoutException.create(1000)))).isFalse();
    assertThat(AwsFailures.safeToRepeat(AwsFailures.coded(service(503, "ServiceUnavailable")))).isFalse();
    assertThat(AwsFailures.safeToRepeat(AwsFailures.coded(SdkClientException.create("connection reset")))).isFalse();
  }

  @Test
  void shouldDescribeInOneLine() {
    assertThat(AwsFailures.describe(new CompletionException(service(503, "ServiceUnavailable"))))
        .isEqualTo("ServiceUnavailable (HTTP 503): m");
  }

  @Test
  void shouldKeepTheServiceErrorCodeAndStatusAndCodeThem() {
    CodedFailure f = AwsFailures.coded(new CompletionException(service(400, "InvalidDBInstanceState")));
    assertThat(f.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(f.providerCode()).contains("InvalidDBInstanceState");
    assertThat(f.httpStatus()).hasValue(400);
    assertThat(AwsFailures.coded(service(400, "ThrottlingException")).code()).isEqualTo(FailureCode.THROTTLED);
    assertThat(AwsFailures.coded(service(403, "AccessDenied")).code()).isEqualTo(FailureCode.AUTH);
    assertThat(AwsFailures.coded(service(400, "ExpiredToken")).code()).isEqualTo(FailureCode.AUTH);
    assertThat(AwsFailures.coded(service(404, "DBInstanceNotFound")).code()).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(AwsFailures.coded(service(503, "ServiceUnavailable")).code()).isEqualTo(FailureCode.UNREACHABLE);
    assertThat(AwsFailures.coded(ApiCallTimeoutException.create(1000)).code()).isEqualTo(FailureCode.TIMEOUT);
    assertThat(AwsFailures.coded(SdkClientException.create("connection reset")).code()).isEqualTo(FailureCode.UNREACHABLE);
  }
}
