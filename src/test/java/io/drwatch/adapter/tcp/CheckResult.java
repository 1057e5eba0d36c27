package io.drwatch.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.port.TargetProbe;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One {@link TargetProbe#check()} run from the test thread: outcome, reason and duration. Shared
 * by the target-probe ITs of every adapter package. Every failure reason is checked for the
 * port's contract on the way: one short line, no stack trace.
 */
public record CheckResult(boolean ok, String reason, long millis) {
  /** Far above any probe timeout used in tests: a probe that needs this long is broken. */
  private static final long HARD_LIMIT_MS = 10_000;

  public static CheckResult run(TargetProbe probe) {
    long start = System.nanoTime();
    try {
      probe.check().toCompletionStage().toCompletableFuture()
          .get(HARD_LIMIT_MS, TimeUnit.MILLISECONDS);
      return new CheckResult(true, "", elapsed(start));
    } catch (ExecutionException e) {
      String reason = e.getCause().getMessage();
      assertThat(reason).as("failure reason").isNotBlank().hasSizeLessThan(200)
          .doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
      return new CheckResult(false, reason, elapsed(start));
    } catch (TimeoutException e) {
      throw new AssertionError(probe + ": check did not complete within " + HARD_LIMIT_MS + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /**
   * Runs {@code n} checks one after another on an event loop of {@code vertx}, as the daemon
   * does. With {@code TestVertx} any blocking of that loop fails the test.
   */
  public static List<CheckResult> runOnEventLoop(Vertx vertx, TargetProbe probe, int n) {
    List<CheckResult> results = new CopyOnWriteArrayList<>();
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> next(probe, n, results, done));
    try {
      done.future().await(HARD_LIMIT_MS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(probe + ": " + n + " checks did not complete within " + HARD_LIMIT_MS + " ms");
    }
    return List.copyOf(results);
  }

  private static void next(TargetProbe probe, int left, List<CheckResult> results, Promise<Void> done) {
    if (left == 0) {
      done.complete();
      return;
    }
    long start = System.nanoTime();
    probe.check().onComplete(ar -> {
      results.add(new CheckResult(ar.succeeded(), ar.succeeded() ? "" : ar.cause().getMessage(), elapsed(start)));
      next(probe, left - 1, results, done);
    });
  }

  private static long elapsed(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Override
  public String toString() {
    return (ok ? "ok" : "failed: " + reason) + " in " + millis + " ms";
  }
}
