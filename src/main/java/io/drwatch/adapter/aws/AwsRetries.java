package io.drwatch.adapter.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Which SDK failures are worth retrying. SDK clients are built with retries off (see
 * {@link AwsClients}) so that every retry is ours: on a Vert.x timer, with backoff and jitter, and
 * visible in our logs.
 */
public final class AwsRetries {
  private AwsRetries() {}

  /** Throttling, 5xx and client-side I/O failures or timeouts; not 4xx (a wrong queue, missing rights). */
  public static boolean retryable(Throwable failure) {
    Throwable err = AwsFutures.unwrap(failure);
    if (err instanceof AwsServiceException e) {
      return e.isThrottlingException() || e.statusCode() >= 500 || e.statusCode() == 429;
    }
    return err instanceof SdkClientException;
  }

  /** One line for a log: service error code and status, or the client-side message. */
  public static String describe(Throwable failure) {
    Throwable err = AwsFutures.unwrap(failure);
    if (err instanceof AwsServiceException e && e.awsErrorDetails() != null) {
      return e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + "): " + e.awsErrorDetails().errorMessage();
    }
    return err.getClass().getSimpleName() + ": " + err.getMessage();
  }
}
