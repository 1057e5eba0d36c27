package io.drwatch.domain.topology;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which way one channel replicates now, which way its probe reads, and since when it has had no
 * replica.
 *
 * @param reversed true when the configured replica is the primary
 * @param readsReversed true when the probe writes heartbeats to the configured replica and reads
 *     them on the configured primary. It follows {@code reversed} only once a replica exists in
 *     the new direction (re-protection applied, or a switchover): right after a failover there is
 *     nothing to read in the new direction, so the probe goes on reading the old one, hidden by
 *     {@link Topology#overlay}
 * @param failedOverAt when the newest flip of the channel finished
 * @param byRun the run that flipped it
 * @param rebuiltBy the re-protection run that rebuilt its replica, while that replica is not yet
 *     read HEALTHY; empty otherwise
 * @param protectedSince when a replica was confirmed after that flip; empty while exposed
 */
public record ChannelDirection(String channel, boolean reversed, boolean readsReversed,
    Instant failedOverAt, String byRun, Optional<String> rebuiltBy, Optional<Instant> protectedSince) {

  public ChannelDirection {
    Require.nonNull("channel", channel, "failedOverAt", failedOverAt, "byRun", byRun, "rebuiltBy", rebuiltBy,
        "protectedSince", protectedSince);
  }

  /** Right after a failover: the promoted side is primary, the probe still reads the old way. */
  static ChannelDirection failedOver(String channel, boolean reversed, boolean readsReversed,
      Instant at, String run) {
    return new ChannelDirection(channel, reversed, readsReversed, at, run, Optional.empty(),
        Optional.empty());
  }

  /** True while the channel runs on its promoted side with no confirmed replica. */
  public boolean exposed() {
    return protectedSince.isEmpty();
  }

  /** True when neither the roles nor the probe differ from the config and a replica exists. */
  boolean asConfigured() {
    return !reversed && !readsReversed && !exposed();
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
    String failedOver = "failed over at " + failedOverAt + " by run " + byRun;
    return rebuiltBy.map(r -> failedOver + "; replica rebuilt by run " + r
            + ", no DR until it reads HEALTHY")
        .orElse(failedOver + "; old primary is fenced/unreachable; no DR");
  }
}
