package io.drwatch.adapter.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One AWS API call with our bounded retries: throttling, 5xx and client-side I/O failures are
 * retried up to {@code attempts} times in all, waiting {@link Backoff} on a Vert.x timer between
 * them (never blocking the loop); anything else fails at once. The final failure names the call,
 * how many attempts were made and the service's own error, e.g. {@code "rds PromoteReadReplica
 * failed after 4 attempts: ThrottlingException (HTTP 400): Rate exceeded"}.
 *
 * @param label what is being called, for logs and the failure message
 * @param attempts at least 1
 */
public record AwsCall(String label, int attempts, Backoff backoff) {
  private static final System.Logger LOG = System.getLogger(AwsCall.class.getName());

  /** Four attempts, 200 ms doubling to at most 2 s between them: about 3 s of retrying at worst. */
  public static final int DEFAULT_ATTEMPTS = 4;
  public static final Backoff DEFAULT_BACKOFF = new Backoff(java.time.Duration.ofMillis(200),
      java.time.Duration.ofSeconds(2));

  public AwsCall {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
  }

  public static AwsCall of(String label) {
    return new AwsCall(label, DEFAULT_ATTEMPTS, DEFAULT_BACKOFF);
  }

  /**
   * Invokes {@code invocation} through {@link AwsFutures#call} (worker thread, result on {@code
   * context}) and retries as described above.
   */
  public <T> Future<T> run(Context context, Supplier<CompletableFuture<T>> invocation) {
    return attempt(context, invocation, 1);
  }

  private <T> Future<T> attempt(Context context, Supplier<CompletableFuture<T>> invocation, int n) {
    return AwsFutures.call(context, invocation).recover(err -> {
      boolean retryable = AwsRetries.retryable(err);
      if (!retryable || n >= attempts) {
        String tries = n == 1 ? "" : " after " + n + " attempts";
        return Future.failedFuture(VertxException.noStackTrace(
            label + " failed" + tries + ": " + AwsRetries.describe(err)));
      }
      long delay = backoff.delayMillis(n - 1, ThreadLocalRandom.current());
      LOG.log(Level.WARNING, "{0}: attempt {1} of {2} failed, retrying in {3} ms: {4}",
          label, n, attempts, delay, AwsRetries.describe(err));
      Promise<Void> wait = Promise.promise();
      context.owner().setTimer(Math.max(1, delay), id -> context.runOnContext(v -> wait.complete()));
      return wait.future().compose(v -> attempt(context, invocation, n + 1));
    });
  }
}
