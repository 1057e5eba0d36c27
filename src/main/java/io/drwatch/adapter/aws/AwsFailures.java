package io.drwatch.adapter.aws;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * AWS SDK failures as {@link CodedFailure}s: the service's error code ({@code InvalidDBInstanceState})
 * and HTTP status are kept as fields, so callers branch on them and {@link
 * io.drwatch.adapter.support.Retry} decides on the {@link FailureCode}. SDK clients are built with
 * retries off (see {@link AwsClients}) so that every retry is ours: on a Vert.x timer, with
 * backoff and jitter, and visible in our logs.
 */
public final class AwsFailures {
  private AwsFailures() {}

  /**
   * Throttling is {@code THROTTLED}; 401/403 and the access-denied family {@code AUTH}; 404 and
   * {@code *NotFound*} codes {@code NOT_FOUND}; 5xx {@code UNREACHABLE}; any other service answer
   * {@code REJECTED}. A client-side failure (no answer) is {@code TIMEOUT} if it timed out, else
   * {@code UNREACHABLE}, as the SDK's connection and I/O errors are.
   */
  public static CodedFailure coded(Throwable failure) {
    Throwable err = AwsFutures.unwrap(failure);
    if (err instanceof CodedFailure c) {
      return c;
    }
    if (err instanceof AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
      return CodedFailure.of(code(e, code), describe(e), code, e.statusCode(), null, e);
    }
    if (err instanceof SdkClientException) {
      FailureCode code = Failures.isTimeout(err) ? FailureCode.TIMEOUT : CodedFailure.codeOf(err) == FailureCode.TLS
          ? FailureCode.TLS : FailureCode.UNREACHABLE;
      return CodedFailure.of(code, describe(err), null, 0, null, err);
    }
    return CodedFailure.coded(err);
  }

  private static FailureCode code(AwsServiceException e, String errorCode) {
    int status = e.statusCode();
    if (e.isThrottlingException() || status == 429) {
      return FailureCode.THROTTLED;
    }
    if (status == 401 || status == 403 || isAuth(errorCode)) {
      return FailureCode.AUTH;
    }
    if (status == 404 || errorCode != null && (errorCode.contains("NotFound") || errorCode.startsWith("NoSuch"))) {
      return FailureCode.NOT_FOUND;
    }
    return status >= 500 ? FailureCode.UNREACHABLE : FailureCode.REJECTED;
  }

  // Provider error codes (not messages): the ones AWS answers with HTTP 400 for bad credentials.
  private static boolean isAuth(String errorCode) {
    return errorCode != null && (errorCode.startsWith("AccessDenied") || errorCode.equals("UnrecognizedClientException")
        || errorCode.equals("InvalidClientTokenId") || errorCode.equals("ExpiredToken")
        || errorCode.equals("ExpiredTokenException") || errorCode.equals("SignatureDoesNotMatch"));
  }

  /**
   * Whether trying the call again cannot repeat its effect: the service refused it unprocessed
   * (throttling), or it never left this host (no connection: refused, no route, no such host).
   * A timeout or a 5xx after the request went out may have run it, so neither counts.
   */
  public static boolean safeToRepeat(Throwable failure) {
    if (CodedFailure.codeOf(failure) == FailureCode.THROTTLED) {
      return true;
    }
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof NoRouteToHostException) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code err} under {@code prefix} with the SDK's own words (not the retry's summary), its code and
   * provider details kept.
   */
  public static CodedFailure under(String prefix, Throwable err) {
    CodedFailure coded = coded(err);
    Throwable words = coded.getCause() != null ? coded.getCause() : coded;
    return coded.withMessage(prefix + ": " + Failures.line(words));
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
