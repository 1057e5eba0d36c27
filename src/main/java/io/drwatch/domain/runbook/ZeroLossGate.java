package io.drwatch.domain.runbook;

import io.drwatch.domain.Texts;
import io.drwatch.domain.channel.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The switchover's RPO gate: a planned promotion proceeds only on proof that it loses nothing. The
 * proof is the canary: once the fence is verified the old primary takes no more application
 * writes, so a heartbeat written after that instant and already visible on the replica means the
 * replica holds everything. Anything less (a lag of "0 s" measured before the fence, an unknown
 * replica age) is no proof: the gate waits up to {@code drainWait}, then blocks until an operator
 * accepts the loss. Pure: the caller keeps the time and asks again after WAIT.
 *
 * @param drainWait how long to wait for the proof ({@code runbook.switchover.drainWait})
 */
public record ZeroLossGate(Duration drainWait) {

  public ZeroLossGate {
    Objects.requireNonNull(drainWait, "drainWait");
  }

  /**
   * When the newest heartbeat the replica shows was written: the status round's time minus the
   * replica's age. Empty when the replica's age is unknown.
   */
  public static Optional<Instant> newestSeenWrite(Optional<ChannelStatus> status) {
    return status.flatMap(s -> s.replicaAge().map(age -> s.updatedAt().minus(age)));
  }

  /**
   * @param channel the channel behind the promotion, for the reason
   * @param newestSeenWrite see {@link #newestSeenWrite}
   * @param fenceVerifiedAt when this run's (last) fence step was verified; empty when none was
   * @param waited how long this gate has waited already
   */
  public RpoGate.Verdict decide(String channel, Optional<Instant> newestSeenWrite,
      Optional<Instant> fenceVerifiedAt, Duration waited) {
    if (fenceVerifiedAt.isPresent() && newestSeenWrite.isPresent()
        && !newestSeenWrite.get().isBefore(fenceVerifiedAt.get())) {
      return new RpoGate.Verdict(RpoGate.Outcome.PROCEED, Duration.ZERO, channel
          + " RPO 0: the replica shows a canary written at " + newestSeenWrite.get()
          + ", after the fence was verified at " + fenceVerifiedAt.get());
    }
    String why = fenceVerifiedAt.isEmpty() ? channel + " RPO not proven 0: no fence step of this run is verified"
        : newestSeenWrite.isEmpty() ? channel + " RPO not proven 0: the replica's newest canary is unknown"
        : channel + " RPO not proven 0: the replica's newest canary was written at " + newestSeenWrite.get()
            + ", before the fence was verified at " + fenceVerifiedAt.get();
    Duration left = drainWait.minus(waited);
    if (left.compareTo(Duration.ZERO) > 0) {
      return new RpoGate.Verdict(RpoGate.Outcome.WAIT, left, why + ": waiting up to "
          + Texts.duration(left) + " more (waited " + Texts.duration(waited) + ")");
    }
    return new RpoGate.Verdict(RpoGate.Outcome.BLOCK, Duration.ZERO, why + " after waiting "
        + Texts.duration(waited) + " (drainWait " + Texts.duration(drainWait)
        + " spent); promotion needs acceptDataLoss");
  }
}
