package io.drwatch.domain.round;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.QuorumState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A target whose every channel is UNPROTECTED is a former primary: the failover that promoted its
 * replicas is complete. Its probes fail and its replicas "lost" it for ever, so counting votes
 * about it would hold the outage declared as long as nobody rebuilt DR, and say nothing true.
 * Instead it gets one steady verdict, without a clock in it, so the quiet log writes it once.
 */
final class FailedOver {
  private FailedOver() {}

  /** The target's decision if it is failed over; empty when detection should count votes. */
  static Optional<Decision> decide(Instant now, RoundInputs.Target target, QuorumState before,
      QuorumPolicy policy) {
    List<ChannelStatus> channels = target.channels();
    if (channels.isEmpty()
        || !channels.stream().allMatch(s -> s.condition() == ChannelCondition.UNPROTECTED)) {
      return Optional.empty();
    }
    ChannelStatus first = channels.get(0);
    // The channel's verdict says when and by which run; the round knows which host was primary.
    String verdict = target.name() + " FAILED OVER: " + first.verdict()
        .replace("old primary", "old primary " + target.name())
        + " (" + String.join(", ", channels.stream().map(s -> s.name() + " UNPROTECTED").toList()) + ")";
    return Optional.of(new Decision(now, target.name(), Decision.Phase.FAILED_OVER, false,
        before.declared(), Map.of(), List.of(), 0, policy.minSignals(), verdict,
        QuorumState.initial()));
  }
}
