package io.drwatch.domain.channel;

import java.time.Instant;

/** A channel moved from one condition to another; carries the reason as a verdict line. */
public record ConditionChanged(
    String channel, ChannelCondition from, ChannelCondition to, String reason, Instant at) {

  /** e.g. {@code orders-db HEALTHY -> STALLED: replica seq 1812 unchanged for 3s ...}. */
  public String verdictLine() {
    return channel + " " + from + " -> " + to + ": " + reason;
  }
}
