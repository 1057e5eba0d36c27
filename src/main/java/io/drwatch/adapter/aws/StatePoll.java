package io.drwatch.adapter.aws;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Reads a resource back on Vert.x timers until it is in the target state, for at most a deadline:
 * the {@code await} of actions whose AWS call only starts a change. The read-back runs at once,
 * then every {@code every}; a failed read-back (already retried by {@link AwsCall}) or a terminal
 * state (the probe fails) ends the poll at once. One promise for the whole loop: no future chain
 * that grows with each round.
 */
public final class StatePoll {
  private StatePoll() {}

  /** What one read-back saw: whether the target state holds, and the state in words for messages. */
  public record Seen(boolean done, String state) {
    public static Seen done(String state) {
      return new Seen(true, state);
    }

    public static Seen notYet(String state) {
      return new Seen(false, state);
    }
  }

  /**
   * @param what names the step and resource, e.g. {@code "elasticache-global-failover gds-1"}
   * @return completes on {@code context} once the probe says done
   */
  public static Future<Void> until(Context context, Duration every, Duration atMost, String what,
      Supplier<Future<Seen>> probe) {
    Duration within = atMost.compareTo(every) < 0 ? every : atMost;
    return new ReadBack(every, within).until(context.owner(), what, probe, Seen::done, Seen::state).mapEmpty();
  }
}
