package io.drwatch.domain.channel;

import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Immutable snapshot of one channel after a probe round: what metrics, the status API and the
 * decision core read. Absent optionals mean "not known", never zero.
 *
 * @param rpo the upper bound of the loss window: newest committed primary heartbeat minus the
 *     newest commit known on the replica (visible heartbeat or, for PostgreSQL, replayed
 *     transaction); never understates
 * @param resolution the bound on the estimate's error (one heartbeat interval)
 * @param replicaAge observer now minus the writer timestamp of the newest visible heartbeat
 * @param replicaLink the replica's own view of its upstream
 * @param lastSuccess when a round last reached both sides
 * @param lastError the most recent failure text, kept until a round fully succeeds
 * @param verdict the human-readable reason for the current condition
 * @param reported the provider's own lag figure, for managed-service kinds
 * @param telemetryContradicted the canary showed more loss than the provider's figure allows
 * @param warmUp how long the standby needs before it can serve (see {@code ReplicaView})
 * @param rpoLower the lower bound of the loss window, from the oldest heartbeat committed before
 *     the replica read and not visible in it; never above {@code rpo}
 */
public record ChannelStatus(
    ChannelSpec spec,
    ChannelCondition condition,
    Optional<Duration> rpo,
    Duration resolution,
    Optional<Duration> replicaAge,
    LinkState replicaLink,
    long primarySeq,
    long replicaSeq,
    Optional<Instant> lastSuccess,
    Optional<String> lastError,
    String verdict,
    Instant updatedAt,
    Duration lastProbe,
    boolean lastProbeOk,
    long rounds,
    Optional<ProviderLag> reported,
    boolean telemetryContradicted,
    Optional<Duration> warmUp,
    Optional<Duration> rpoLower) {

  /** A status without the lower bound (kept so callers written before it still compile). */
  public ChannelStatus(ChannelSpec spec, ChannelCondition condition, Optional<Duration> rpo,
      Duration resolution, Optional<Duration> replicaAge, LinkState replicaLink, long primarySeq,
      long replicaSeq, Optional<Instant> lastSuccess, Optional<String> lastError, String verdict,
      Instant updatedAt, Duration lastProbe, boolean lastProbeOk, long rounds,
      Optional<ProviderLag> reported, boolean telemetryContradicted, Optional<Duration> warmUp) {
    this(spec, condition, rpo, resolution, replicaAge, replicaLink, primarySeq, replicaSeq, lastSuccess,
        lastError, verdict, updatedAt, lastProbe, lastProbeOk, rounds, reported, telemetryContradicted,
        warmUp, Optional.empty());
  }

  /** The status before any probe round. */
  public static ChannelStatus initial(ChannelSpec spec, Instant now) {
    return new ChannelStatus(
        spec,
        ChannelCondition.UNKNOWN,
        Optional.empty(),
        spec.interval(),
        Optional.empty(),
        LinkState.UNKNOWN,
        -1,
        -1,
        Optional.empty(),
        Optional.empty(),
        "no probe round yet",
        now,
        Duration.ZERO,
        false,
        0,
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty());
  }

  public String name() {
    return spec.name();
  }

  /** The midpoint of the bracket {@code [rpoLower, rpo]}; unknown unless both bounds are. */
  public Optional<Duration> rpoEstimate() {
    return rpo.flatMap(up -> rpoLower.map(low -> low.plus(up.minus(low).dividedBy(2))));
  }

  /** The same status with another lower bound; every other field unchanged. */
  public ChannelStatus withRpoLower(Optional<Duration> lower) {
    return new ChannelStatus(spec, condition, rpo, resolution, replicaAge, replicaLink, primarySeq, replicaSeq,
        lastSuccess, lastError, verdict, updatedAt, lastProbe, lastProbeOk, rounds, reported,
        telemetryContradicted, warmUp, lower);
  }
}
