package io.drwatch.domain.round;

import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.QuorumPolicy;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * How a detection round judges: the quorum policy, the decision tick, and the one freshness rule
 * for the evidence it reads. The only place these defaults live: {@code detection} reads as
 * {@link #defaults()} when absent ({@code DetectionConfig}, {@code QuorumConfig}), and the golden
 * scenarios use the same rule.
 *
 * @param policy the k-of-n rule with holdFor and clearAfter
 * @param tick the decision loop's period
 * @param peerFreshFor how long a peer's report counts after the age it was sent with
 *     ({@code detection.peerFreshness}): a peer heard no more recently is not a live observer
 * @param freshRounds how many missed rounds evidence outlives: a target report counts for that
 *     many probe intervals plus one timeout, a channel status for that many ticks plus that many
 *     of the slowest channel's intervals. A silent prober or a stopped channel loop stops voting.
 */
public record DetectionSettings(
    QuorumPolicy policy, Duration tick, Duration peerFreshFor, int freshRounds) {
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);
  public static final Duration DEFAULT_PEER_FRESH_FOR = Duration.ofSeconds(5);
  public static final int DEFAULT_FRESH_ROUNDS = 3;

  public DetectionSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(peerFreshFor, "peerFreshFor");
    if (tick.isNegative() || tick.isZero() || peerFreshFor.isNegative() || peerFreshFor.isZero()) {
      throw new IllegalArgumentException(
          "tick and peerFreshFor must be > 0, were " + tick + ", " + peerFreshFor);
    }
    if (freshRounds < 1) {
      throw new IllegalArgumentException("freshRounds must be >= 1, was " + freshRounds);
    }
  }

  /** As configured, with the default number of missed rounds. */
  public static DetectionSettings of(QuorumPolicy policy, Duration tick, Duration peerFreshFor) {
    return new DetectionSettings(policy, tick, peerFreshFor, DEFAULT_FRESH_ROUNDS);
  }

  /**
   * {@link QuorumPolicy#defaults()}, a 1 s tick, peers fresh for 5 s, evidence fresh for 3 missed
   * rounds: what {@code detection} reads as when absent.
   */
  public static DetectionSettings defaults() {
    return of(QuorumPolicy.defaults(), DEFAULT_TICK, DEFAULT_PEER_FRESH_FOR);
  }

  /**
   * How long this observer's report on a target counts, for us and for the peers it is sent to:
   * {@code freshRounds} probe intervals plus one timeout.
   */
  public Duration reportFreshFor(Duration interval, Duration timeout) {
    return interval.multipliedBy(freshRounds).plus(timeout);
  }

  /**
   * How long a channel status counts after its round: {@code freshRounds} ticks plus
   * {@code freshRounds} of the slowest channel's intervals, so a status is fresh for a few of its
   * own rounds however slow the decision tick.
   */
  public Duration channelFreshFor(Collection<ChannelStatus> channels) {
    Duration slowest = channels.stream().map(s -> s.spec().interval())
        .max(Duration::compareTo).orElse(Duration.ZERO);
    return tick.plus(slowest).multipliedBy(freshRounds);
  }
}
