package io.drwatch.app.support;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A remote call as a loop makes it: bounded by {@code timeout}, and a call that throws instead of
 * returning a future counts as failed, so the loop's bookkeeping after it runs either way.
 */
public final class Bounded {
  private Bounded() {}

  public static <T> Future<T> call(Supplier<Future<T>> call, Duration timeout) {
    Future<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
