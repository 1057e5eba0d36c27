package io.drwatch.adapter.kubernetes;

import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One blocking fabric8 call run on a worker thread (the DSL waits for its response, so it never
 * runs on an event loop), bounded by {@code timeout}, with bounded retries: HTTP 429, 5xx and I/O
 * failures are tried up to {@code attempts} times in all, waiting 200 ms doubling to at most 2 s,
 * half of it random ("equal jitter"), on a Vert.x timer. Anything else (404, 403, 409, a bad
 * request) fails at once. The failure names the call, the attempts and the API server's answer.
 */
record KubeCall(String label, int attempts, Duration timeout) {
  private static final System.Logger LOG = System.getLogger(KubeCall.class.getName());
  static final int DEFAULT_ATTEMPTS = 4;
  private static final long BASE_MS = 200;
  private static final long CAP_MS = 2000;

  static KubeCall of(String label, Duration timeout) {
    return new KubeCall(label, DEFAULT_ATTEMPTS, timeout);
  }

  /** Runs {@code call}; the result arrives on the caller's context. */
  <T> Future<T> run(Vertx vertx, Callable<T> call) {
    return attempt(vertx, call, 1);
  }

  private <T> Future<T> attempt(Vertx vertx, Callable<T> call, int n) {
    return vertx.executeBlocking(call, false)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(err -> {
          if (!retryable(err) || n >= attempts) {
            String tries = n == 1 ? "" : " after " + n + " attempts";
            return Future.failedFuture(VertxException.noStackTrace(label + " failed" + tries + ": " + describe(err)));
          }
          long ceiling = Math.min(CAP_MS, BASE_MS << (n - 1));
          long delay = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
          LOG.log(Level.WARNING, "{0}: attempt {1} of {2} failed, retrying in {3} ms: {4}",
              label, n, attempts, delay, describe(err));
          Promise<Void> wait = Promise.promise();
          vertx.setTimer(Math.max(1, delay), id -> wait.complete());
          return wait.future().compose(v -> attempt(vertx, call, n + 1));
        });
  }

  /** Throttling, server errors and transport failures (timeouts included) are worth another try. */
  static boolean retryable(Throwable err) {
    if (err instanceof KubernetesClientException k && k.getCode() > 0) {
      return k.getCode() == 429 || k.getCode() >= 500;
    }
    return Failures.isTimeout(err) || hasCause(err, IOException.class);
  }

  /** "HTTP 503 ServiceUnavailable: etcd is slow", or a short transport reason. */
  String describe(Throwable err) {
    if (err instanceof KubernetesClientException k && k.getCode() > 0) {
      var status = k.getStatus();
      String reason = status == null || status.getReason() == null ? "" : " " + status.getReason();
      String message = status == null || status.getMessage() == null ? "" : ": " + status.getMessage();
      return Failures.line("HTTP " + k.getCode() + reason + message);
    }
    if (Failures.isTimeout(err)) {
      return "no answer within " + Texts.duration(timeout);
    }
    return Failures.line(err);
  }

  private static boolean hasCause(Throwable err, Class<? extends Throwable> type) {
    for (Throwable t = err; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
