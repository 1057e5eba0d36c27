package io.drwatch.app.support;

import io.vertx.core.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A remote call as a loop makes it: bounded by {@code timeout}, and a call that throws instead of
 * returning a future counts as failed, so the loop's bookkeeping after it runs either way. One
 * Vert.x timer per call: for thousands of calls a second on one event loop, {@link SlotTimer#bound}.
 */
public final class Bounded {
  private Bounded() {}

  public static <T> Future<T> call(Supplier<Future<T>> call, Duration timeout) {
    return started(call).timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The call's future, or a failed one if it threw. */
  static <T> Future<T> started(Supplier<Future<T>> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
