package io.drwatch.adapter.aws;

import io.drwatch.domain.Texts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The {@code await} of an action that changes remote state: read the state back every {@code every}
 * until it is the target, for at most {@code within}. Each read is already retried by
 * {@link AwsCall}, so a read that still fails ends the wait at once with its own reason; running out
 * of time fails naming the last state seen. Timers only, never a sleep.
 *
 * @param every pause between reads
 * @param within the whole wait; the pipeline's step timeout bounds it as well
 */
public record ReadBack(Duration every, Duration within) {
  public ReadBack {
    if (every.toMillis() < 1 || within.compareTo(every) < 0) {
      throw new IllegalArgumentException("read-back needs 1ms <= every <= within, was " + every + ", " + within);
    }
  }

  /**
   * Completes with the first state {@code done} accepts. {@code what} names the wait in the failure
   * ("step dial-old: endpoint group ... dial 0"), {@code describe} words a state ("dial 100").
   */
  public <T> Future<T> until(Vertx vertx, String what, Supplier<Future<T>> read, Predicate<T> done,
      Function<T, String> describe) {
    Promise<T> result = Promise.promise();
    round(vertx, what, read, done, describe, System.nanoTime() + within.toNanos(), result);
    return result.future();
  }

  /** One promise for the whole loop: no future chain that grows with each round. */
  private <T> void round(Vertx vertx, String what, Supplier<Future<T>> read, Predicate<T> done,
      Function<T, String> describe, long deadline, Promise<T> result) {
    read.get().onComplete(ar -> {
      if (ar.failed()) {
        result.fail(ar.cause());
      } else if (done.test(ar.result())) {
        result.complete(ar.result());
      } else if (System.nanoTime() - deadline >= 0) {
        result.fail(VertxException.noStackTrace(what + ": still " + describe.apply(ar.result())
            + " after " + Texts.duration(within)));
      } else {
        vertx.setTimer(every.toMillis(), id -> round(vertx, what, read, done, describe, deadline, result));
      }
    });
  }
}
