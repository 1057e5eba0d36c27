package io.drwatch.adapter.kubernetes;

import io.drwatch.adapter.support.HttpJson;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * One blocking fabric8 call on a worker thread (the DSL waits for its response, so it never runs on
 * an event loop), bounded by a timeout, its failure coded: the API server's HTTP status by {@link
 * HttpJson#code} with the status reason as the provider code, a timeout as {@code TIMEOUT}, a
 * transport failure as {@code UNREACHABLE}. Retries are {@link io.drwatch.adapter.support.Retry}'s.
 */
final class KubeCalls {
  private KubeCalls() {}

  /** Runs {@code call}; the result arrives on the caller's context. */
  static <T> Future<T> blocking(Vertx vertx, Duration timeout, Callable<T> call) {
    return vertx.executeBlocking(call, false)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(coded(err, timeout)));
  }

  /** "HTTP 503 ServiceUnavailable: etcd is slow", "no answer within 5s", or a short transport reason. */
  static CodedFailure coded(Throwable err, Duration timeout) {
    if (err instanceof KubernetesClientException k && k.getCode() > 0) {
      var status = k.getStatus();
      String reason = status == null || status.getReason() == null ? null : status.getReason();
      String message = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
      return CodedFailure.of(HttpJson.code(k.getCode()),
          Failures.line("HTTP " + k.getCode() + (reason == null ? "" : " " + reason) + message), reason, k.getCode(),
          null, err);
    }
    FailureCode code = CodedFailure.codeOf(err);
    if (code == FailureCode.TIMEOUT) {
      return CodedFailure.of(code, "no answer within " + Texts.duration(timeout), null, 0, null, err);
    }
    return CodedFailure.of(code, Failures.line(err), null, 0, null, err);
  }
}
