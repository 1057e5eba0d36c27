package io.drwatch.testkit;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Waits for {@code n} periods of a Vert.x timer: the same clock that drives the code under test's
 * own polling. A test that must show something does NOT happen (no read after a cancel) can only
 * show it over a window; this makes the window "ten poll periods on the event loop", so a slow,
 * loaded machine stretches the window with the polling instead of racing it.
 */
public final class LoopTicks {
  private LoopTicks() {}

  public static void await(Vertx vertx, Duration period, int n) throws InterruptedException {
    CountDownLatch fired = new CountDownLatch(n);
    long id = vertx.setPeriodic(Math.max(1, period.toMillis()), t -> fired.countDown());
    try {
      if (!fired.await(n * period.toMillis() + 10_000, TimeUnit.MILLISECONDS)) {
        throw new AssertionError(n + " timer periods of " + period + " did not pass on the event loop");
      }
    } finally {
      vertx.cancelTimer(id);
    }
  }
}
