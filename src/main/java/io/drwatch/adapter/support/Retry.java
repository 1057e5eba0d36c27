package io.drwatch.adapter.support;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Require;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Bounded retries of one remote call on Vert.x timers, the same for every adapter. Whether a
 * failure is worth another try is decided by its {@link FailureCode} ({@link #retryable}), never by
 * its message: adapters code their failures ({@link CodedFailure}) and this class only counts. The
 * pause is {@link Backoff}, or the provider's {@code Retry-After} (capped at {@code maxRetryAfter})
 * when the failure carries one. The final failure is a {@link CodedFailure} with the last
 * failure's code and provider details, its message naming the call and the attempts, e.g.
 * {@code "rds PromoteReadReplica failed after 4 attempts: ThrottlingException (HTTP 400): Rate exceeded"}.
 *
 *
 * <p>A retry {@link #stopOn stopped by} a signal (a failover step's {@code abandoned}) starts no
 * attempt once the signal completed: a pending pause is cut short and the result fails with
 * {@link FailureCode#TIMEOUT}; an attempt in flight is left to finish and ignored.
 *
 * @param label what is being called, for logs and the failure message
 * @param attempts in all, at least 1
 * @param stop once complete, no further attempt starts; null: never stopped
 * @param worthRetrying which failures get another attempt; {@link #retryable} unless {@link #onlyWhen narrowed}
 */
public record Retry(String label, int attempts, Backoff backoff, Duration maxRetryAfter, RandomGenerator random,
    Future<?> stop, Predicate<Throwable> worthRetrying) {
  private static final System.Logger LOG = System.getLogger(Retry.class.getName());
  public static final int DEFAULT_ATTEMPTS = 4;
  public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(10);

  public Retry {
    Require.nonNull("label", label, "backoff", backoff, "random", random, "worthRetrying", worthRetrying);
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
    }
    if (maxRetryAfter.isNegative()) {
      throw new IllegalArgumentException("maxRetryAfter must be >= 0, was " + maxRetryAfter);
    }
  }

  /** Never stopped; retries what {@link #retryable} says. */
  public Retry(String label, int attempts, Backoff backoff, Duration maxRetryAfter, RandomGenerator random) {
    this(label, attempts, backoff, maxRetryAfter, random, null, Retry::retryable);
  }

  /** Four attempts with {@link Backoff#DEFAULT}. */
  public static Retry of(String label) {
    return new Retry(label, DEFAULT_ATTEMPTS, Backoff.DEFAULT, DEFAULT_MAX_RETRY_AFTER, ThreadLocalRandom.current());
  }

  public Retry attempts(int n) {
    return new Retry(label, n, backoff, maxRetryAfter, random, stop, worthRetrying);
  }

  public Retry backoff(Backoff b) {
    return new Retry(label, attempts, b, maxRetryAfter, random, stop, worthRetrying);
  }

  /** The same policy for a differently named call. */
  public Retry label(String l) {
    return new Retry(l, attempts, backoff, maxRetryAfter, random, stop, worthRetrying);
  }

  /** The same policy, starting no attempt once {@code signal} completed (e.g. a step's {@code abandoned}). */
  public Retry stopOn(Future<?> signal) {
    return new Retry(label, attempts, backoff, maxRetryAfter, random, signal, worthRetrying);
  }

  /**
   * The same policy, retrying only failures {@code which} accepts (and that {@link #retryable}
   * would retry too). For calls whose repetition could repeat a side effect: an invocation retried
   * after a timeout may run twice, one refused by throttling has not run at all.
   */
  public Retry onlyWhen(Predicate<Throwable> which) {
    return new Retry(label, attempts, backoff, maxRetryAfter, random, stop, err -> worthRetrying.test(err) && which.test(err));
  }

  /** Throttling, unreachable, timeouts and any HTTP 5xx: worth another try; the rest is an answer. */
  public static boolean retryable(Throwable err) {
    CodedFailure coded = CodedFailure.coded(err);
    return switch (coded.code()) {
      case THROTTLED, UNREACHABLE, TIMEOUT -> true;
      default -> coded.httpStatus().orElse(0) >= 500;
    };
  }

  /** Runs {@code call} on the caller's context (the one current now, or a new one). */
  public <T> Future<T> run(Vertx vertx, Supplier<Future<T>> call) {
    return run(vertx.getOrCreateContext(), call);
  }

  /** Runs {@code call}; pauses are timers, and every attempt and the result come back on {@code context}. */
  public <T> Future<T> run(Context context, Supplier<Future<T>> call) {
    Promise<T> done = Promise.promise();
    if (stop != null) {
      stop.onComplete(ar -> done.tryFail(abandoned()));
    }
    attempt(context, call, 1, done);
    return done.future();
  }

  private CodedFailure abandoned() {
    return CodedFailure.of(FailureCode.TIMEOUT, label + ": abandoned");
  }

  /** One promise for the whole loop: no future chain that grows with each attempt. */
  private <T> void attempt(Context context, Supplier<Future<T>> call, int n, Promise<T> done) {
    if (done.future().isComplete() || (stop != null && stop.isComplete())) {
      done.tryFail(abandoned()); // stopped: no call starts
      return;
    }
    Future<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onComplete(ar -> {
      if (done.future().isComplete()) {
        return; // stopped while the attempt was in flight
      }
      if (ar.succeeded()) {
        done.tryComplete(ar.result());
        return;
      }
      CodedFailure failure = CodedFailure.coded(ar.cause());
      if (!worthRetrying.test(failure) || n >= attempts) {
        String tries = n == 1 ? "" : " after " + n + " attempts";
        done.tryFail(failure.withMessage(label + " failed" + tries + ": " + failure.getMessage()));
        return;
      }
      long delay = delayMillis(n - 1, failure);
      LOG.log(Level.WARNING, "{0}: attempt {1} of {2} failed, retrying in {3} ms: {4}",
          label, n, attempts, Long.toString(delay), failure.getMessage()); // not "1,000 ms"
      context.owner().setTimer(Math.max(1, delay), id -> context.runOnContext(v -> attempt(context, call, n + 1, done)));
    });
  }

  /** The provider's {@code Retry-After} if it sent one (capped), else the backoff for {@code attempt} (from 0). */
  long delayMillis(int attempt, CodedFailure failure) {
    return failure.retryAfter()
        .map(d -> Math.min(d.toMillis(), maxRetryAfter.toMillis()))
        .orElseGet(() -> backoff.delayMillis(attempt, random));
  }
}
