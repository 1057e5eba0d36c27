package io.drwatch.adapter.support;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@code await} of an action whose call only starts a change: read the state back at once, then
 * every {@code every}, until it is the target or the deadline passes. Timers only, never a sleep;
 * one promise for the whole loop, so no future chain grows with each round.
 *
 * <p>A failed read either ends the wait at once (the default: reads are already retried by {@link
 * Retry}, so a failure that is left is an answer) or, {@link #keepingOnFailure}, counts as "not yet"
 * (a server that is restarting into its new role refuses connections for a while). Running out of
 * time fails with {@link FailureCode#TIMEOUT} and the caller's words for the last round.
 *
 * <p>Abandoning a wait stops it: {@link Polling#cancel} or a completed {@code stop} signal cancels the
 * pending timer, and no read starts after that.
 *
 * @param every pause between reads, at least 1 ms
 * @param within the whole wait
 */
public record Poll(Duration every, Duration within, Clock clock, boolean keepOnFailure) {
  public Poll {
    Objects.requireNonNull(clock, "clock");
    if (every.toMillis() < 1 || within.isNegative()) {
      throw new IllegalArgumentException("poll needs every >= 1ms and within >= 0, was " + every + ", " + within);
    }
  }

  /** Fails at the first failed read; on the monotonic clock. */
  public static Poll every(Duration every, Duration within) {
    return new Poll(every, within, Deadline.MONOTONIC, false);
  }

  /** Failed reads count as "not yet" until the deadline; the timeout message sees the last one. */
  public Poll keepingOnFailure() {
    return new Poll(every, within, clock, true);
  }

  public Poll clock(Clock c) {
    return new Poll(every, within, c, keepOnFailure);
  }

  /**
   * Starts polling. {@code stillNot} words the last round for the timeout failure, e.g.
   * {@code ar -> "step x: still modifying after 30m"}; it sees a failed read only when
   * {@link #keepingOnFailure}.
   */
  public <T> Polling<T> until(Vertx vertx, Supplier<Future<T>> read, Predicate<T> done,
      Function<AsyncResult<T>, String> stillNot) {
    return start(vertx, null, read, done, stillNot);
  }

  private <T> Polling<T> start(Vertx vertx, Future<?> stop, Supplier<Future<T>> read, Predicate<T> done,
      Function<AsyncResult<T>, String> stillNot) {
    Polling<T> p = new Polling<>(vertx, this, read, done, stillNot, Deadline.after(within, clock));
    if (stop != null) {
      if (stop.isComplete()) {
        p.cancel("abandoned");
      }
      stop.onComplete(ar -> p.cancel("abandoned"));
    }
    p.round(); // reads nothing once cancelled
    return p;
  }

  /**
   * The usual wording: times out with {@code "<what>: still <state> after <within>"}, where
   * {@code describe} words the last state read ("status modifying").
   */
  public <T> Polling<T> until(Vertx vertx, String what, Supplier<Future<T>> read, Predicate<T> done,
      Function<T, String> describe) {
    return start(vertx, null, read, done, stillNot(what, describe));
  }

  /** As {@link #until(Vertx, String, Supplier, Predicate, Function)}, and cancelled once {@code stop} completes. */
  public <T> Polling<T> until(Vertx vertx, Future<?> stop, String what, Supplier<Future<T>> read, Predicate<T> done,
      Function<T, String> describe) {
    return start(vertx, stop, read, done, stillNot(what, describe));
  }

  private <T> Function<AsyncResult<T>, String> stillNot(String what, Function<T, String> describe) {
    return ar -> what + ": still "
        + (ar.succeeded() ? describe.apply(ar.result()) : Failures.line(ar.cause())) + " after " + Texts.duration(within);
  }

  /** What one read-back saw: whether the target state holds, and the state in words for messages. */
  public record Seen(boolean done, String state) {
    public static Seen done(String state) {
      return new Seen(true, state);
    }

    public static Seen notYet(String state) {
      return new Seen(false, state);
    }
  }

  /** For reads that judge the state themselves (and fail at once on a terminal one). */
  public Polling<Seen> untilSeen(Vertx vertx, String what, Supplier<Future<Seen>> read) {
    return until(vertx, what, read, Seen::done, Seen::state);
  }

  /** As {@link #untilSeen(Vertx, String, Supplier)}, and cancelled once {@code stop} completes. */
  public Polling<Seen> untilSeen(Vertx vertx, Future<?> stop, String what, Supplier<Future<Seen>> read) {
    return until(vertx, stop, what, read, Seen::done, Seen::state);
  }

  /** As {@link #until(Vertx, Supplier, Predicate, Function)}, and cancelled once {@code stop} completes. */
  public <T> Polling<T> until(Vertx vertx, Future<?> stop, Supplier<Future<T>> read, Predicate<T> done,
      Function<AsyncResult<T>, String> stillNot) {
    return start(vertx, stop, read, done, stillNot);
  }

  /** One running wait: its result, and the means to abandon it. */
  public static final class Polling<T> {
    private final Vertx vertx;
    private final Poll poll;
    private final Supplier<Future<T>> read;
    private final Predicate<T> done;
    private final Function<AsyncResult<T>, String> stillNot;
    private final Deadline deadline;
    private final Promise<T> result = Promise.promise();
    // Touched on the poller's context only (rounds run there; cancel is called from there too).
    private long timer = -1;
    private int reads;

    private Polling(Vertx vertx, Poll poll, Supplier<Future<T>> read, Predicate<T> done,
        Function<AsyncResult<T>, String> stillNot, Deadline deadline) {
      this.vertx = vertx;
      this.poll = poll;
      this.read = read;
      this.done = done;
      this.stillNot = stillNot;
      this.deadline = deadline;
    }

    public Future<T> result() {
      return result.future();
    }

    /** Reads started so far (for tests and logs). */
    public int reads() {
      return reads;
    }

    /**
     * Stops the wait: no further read starts, and the result (if still open) fails with
     * {@link FailureCode#TIMEOUT} and {@code why}. A read in flight is left to finish and ignored.
     */
    public boolean cancel(String why) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
      return result.tryFail(CodedFailure.of(FailureCode.TIMEOUT, why));
    }

    private void round() {
      if (result.future().isComplete()) {
        return;
      }
      reads++;
      Future<T> f;
      try {
        f = read.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(this::seen);
    }

    private void seen(AsyncResult<T> ar) {
      if (result.future().isComplete()) {
        return; // cancelled while the read was in flight
      }
      if (ar.failed() && !poll.keepOnFailure()) {
        result.tryFail(ar.cause());
      } else if (ar.succeeded() && done.test(ar.result())) {
        result.tryComplete(ar.result());
      } else if (deadline.passed()) {
        result.tryFail(CodedFailure.of(FailureCode.TIMEOUT, stillNot.apply(ar), null, 0, null,
            ar.failed() ? ar.cause() : null));
      } else {
        timer = vertx.setTimer(poll.every().toMillis(), id -> {
          timer = -1;
          round();
        });
      }
    }
  }
}
