package io.drwatch.domain.lag;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.time.Instant;

/**
 * One probe round of a channel. The replica is read <em>before</em> the primary's heartbeat is
 * written, and the estimate compares the replica with that later heartbeat. The primary's clock
 * when the replica was read is then at most the new heartbeat's writer time, so the estimate
 * never understates the loss window; it overstates it by at most one interval.
 *
 * @param observedAt observer wall time when the round finished
 * @param replica the replica read
 * @param primary the heartbeat write on the primary
 * @param took how long the whole round took (monotonic)
 */
public record LagSample(
    Instant observedAt, Outcome<ReplicaView> replica, Outcome<Heartbeat> primary, Duration took) {
  public LagSample {
    Require.nonNull("observedAt", observedAt, "replica", replica, "primary", primary, "took", took);
  }

  public boolean succeeded() {
    return replica.isOk() && primary.isOk();
  }
}
