package io.drwatch.adapter.support;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Future;

/**
 * Failed futures that keep their {@link FailureCode}. Adapters prefix a failure with the step or
 * resource it concerns; doing that by building a new exception from the message would drop the
 * code and the provider's error code, which the journal, the metrics and the callers need.
 */
public final class Failing {
  private Failing() {}

  /** A failure of the adapter's own judgement (a terminal state, a missing resource, bad params). */
  public static <T> Future<T> with(FailureCode code, String message) {
    return Future.failedFuture(CodedFailure.of(code, message));
  }

  /** {@code err} as {@code "<prefix>: <its message>"}, with its code and provider details kept. */
  public static <T> Future<T> under(String prefix, Throwable err) {
    CodedFailure coded = CodedFailure.coded(err);
    return Future.failedFuture(coded.withMessage(prefix + ": " + coded.getMessage()));
  }
}
