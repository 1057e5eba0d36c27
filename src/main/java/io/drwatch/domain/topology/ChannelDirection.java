package io.drwatch.domain.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which way one channel replicates now, and since when it has had no replica.
 *
 * @param reversed true when the configured replica is the primary (an odd number of failovers)
 * @param failedOverAt when the newest failover of the channel finished
 * @param byRun the run that failed it over
 * @param protectedSince when a new replica was confirmed after that failover; empty while exposed
 */
public record ChannelDirection(String channel, boolean reversed, Instant failedOverAt, String byRun,
    Optional<Instant> protectedSince) {

  public ChannelDirection {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(failedOverAt, "failedOverAt");
    Objects.requireNonNull(byRun, "byRun");
    Objects.requireNonNull(protectedSince, "protectedSince");
  }

  /** True while the channel runs on its promoted side with no replica. */
  public boolean exposed() {
    return protectedSince.isEmpty();
  }

  /** How long the channel has been without a replica; zero once protected again. */
  public Duration exposure(Instant now) {
    if (!exposed() || now.isBefore(failedOverAt)) {
      return Duration.ZERO;
    }
    return Duration.between(failedOverAt, now);
  }

  /** The status API's words for the direction. */
  public String words() {
    return reversed ? "reversed: the configured replica is the primary" : "as configured";
  }

  /** The failed-over channel's verdict; no clock in it, so it stays the same from tick to tick. */
  public String verdict() {
    return "failed over at " + failedOverAt + " by run " + byRun
        + "; old primary is fenced/unreachable; no DR";
  }
}
