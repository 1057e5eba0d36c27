package io.drwatch.domain.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * What the decision core needs to know about a channel: its identity, how often it is probed
 * (which is also the RPO resolution bound), its RPO objective, and after how many intervals of a
 * frozen replica heartbeat the channel counts as stalled.
 */
public record ChannelSpec(
    String name, ChannelKind kind, Duration interval, Duration rpoObjective, int stallIntervals) {
  public ChannelSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be > 0, was " + interval);
    }
    if (rpoObjective.isNegative()) {
      throw new IllegalArgumentException("rpoObjective must be >= 0, was " + rpoObjective);
    }
    if (stallIntervals < 1) {
      throw new IllegalArgumentException("stallIntervals must be >= 1, was " + stallIntervals);
    }
  }

  /** How long a replica heartbeat may stay frozen, while the primary advances, before STALLED. */
  public Duration stallAfter() {
    return interval.multipliedBy(stallIntervals);
  }
}
