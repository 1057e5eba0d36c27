package io.drwatch.bench.detection;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a deadline; the bench's only way to wait for something. */
final class Poll {
  private Poll() {}

  static void until(Duration limit, String what, BooleanSupplier done) {
    if (!within(limit, done)) {
      throw new IllegalStateException("timed out after " + limit.toSeconds() + " s waiting for "
          + what);
    }
  }

  /** Whether {@code done} held within {@code limit}, checked every 25 ms. */
  static boolean within(Duration limit, BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (done.getAsBoolean()) {
        return true;
      }
      sleep(25);
    }
    return done.getAsBoolean();
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
