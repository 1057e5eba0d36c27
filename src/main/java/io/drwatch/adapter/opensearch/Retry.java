package io.drwatch.adapter.opensearch;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Bounded retries of one REST call on Vert.x timers: HTTP 429 (OpenSearch's throttling answer),
 * 5xx and transport failures/timeouts are retried with jittered exponential backoff (attempt n
 * waits between half and all of {@code min(cap, base * 2^n)}); any other answer is returned to the
 * caller. Our own copy: adapter slices do not share code, and this is ten lines.
 */
record Retry(int attempts, Duration base, Duration cap) {
  static final Retry DEFAULT = new Retry(4, Duration.ofMillis(250), Duration.ofSeconds(4));

  Retry {
    if (attempts < 1 || base.toMillis() < 1 || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("retry needs attempts >= 1 and 1ms <= base <= cap");
    }
  }

  static boolean retryable(int status) {
    return status == 429 || status >= 500;
  }

  Future<OsHttp.Reply> run(Vertx vertx, String what, Supplier<Future<OsHttp.Reply>> call) {
    Promise<OsHttp.Reply> done = Promise.promise();
    attempt(vertx, what, call, 0, done);
    return done.future();
  }

  private void attempt(Vertx vertx, String what, Supplier<Future<OsHttp.Reply>> call, int n,
      Promise<OsHttp.Reply> done) {
    call.get().onComplete(ar -> {
      boolean again = ar.failed() || retryable(ar.result().status());
      if (!again) {
        done.complete(ar.result());
        return;
      }
      String last = ar.failed() ? ar.cause().getMessage()
          : "status " + ar.result().status() + " " + ar.result().quoted();
      if (n + 1 >= attempts) {
        done.fail(VertxException.noStackTrace(what + ": gave up after " + attempts + " attempts, last: " + last));
        return;
      }
      vertx.setTimer(delayMillis(n), id -> attempt(vertx, what, call, n + 1, done));
    });
  }

  long delayMillis(int n) {
    long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(n, 20));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling - ceiling / 2 + 1);
  }
}
