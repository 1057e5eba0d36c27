package io.drwatch.adapter.aws.rds;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VertxException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A bounded poll on Vert.x timers, for the awaits: one promise for the whole loop (no future chain
 * that grows with each round), the next round only after the previous answer, never a sleep. A
 * round that fails (a terminal status, or a call whose retries ran out) ends the poll at once.
 */
final class Poll {
  /** What one round saw: whether the target state holds, and the state in words for the timeout message. */
  record Seen(boolean done, String state) {
    static Seen done(String state) {
      return new Seen(true, state);
    }

    static Seen waiting(String state) {
      return new Seen(false, state);
    }
  }

  private Poll() {}

  /**
   * Runs {@code round} every {@code every} until it sees the target state; fails with {@code label}
   * and the last state seen once {@code limit} has passed.
   */
  static Future<Void> until(Context context, Duration every, Duration limit, String label,
      Supplier<Future<Seen>> round) {
    Promise<Void> done = Promise.promise();
    next(context, every, System.nanoTime() + limit.toNanos(), limit, label, round, done);
    return done.future();
  }

  private static void next(Context context, Duration every, long deadline, Duration limit, String label,
      Supplier<Future<Seen>> round, Promise<Void> done) {
    round.get().onComplete(ar -> {
      if (ar.failed()) {
        done.fail(ar.cause());
      } else if (ar.result().done()) {
        done.complete();
      } else if (System.nanoTime() - deadline >= 0) {
        done.fail(VertxException.noStackTrace(label + ": not done after " + limit.toSeconds()
            + "s, last seen " + ar.result().state()));
      } else {
        context.owner().setTimer(every.toMillis(),
            id -> context.runOnContext(v -> next(context, every, deadline, limit, label, round, done)));
      }
    });
  }
}
