package io.drwatch.app.status;

import io.drwatch.domain.Texts;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.RtoProjection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a channel meets its RPO objective now, and whether the standby side as a whole is
 * ready to take over: what a load balancer's health check routes on. Pure over snapshots, so
 * the answer is as fresh as the last probe round and costs no I/O.
 */
public final class ObjectiveHealth {
  /** Slack over three probe intervals before a snapshot counts as stale (a slow round, a GC). */
  static final Duration STALE_SLACK = Duration.ofSeconds(5);

  private ObjectiveHealth() {}

  /**
   * One channel's answer.
   *
   * @param meets HEALTHY, with a known RPO within the objective, from a recent round
   * @param reason why it does not meet it; "meets its objective" when it does
   */
  public record Channel(ChannelStatus status, boolean meets, String reason) {}

  /** The standby as a whole: every channel meets its objective and the RTO projection fits. */
  public record Standby(boolean ready, List<String> reasons, List<Channel> channels,
      Optional<RtoProjection> rto, Duration rtoObjective) {
    public Standby {
      reasons = List.copyOf(reasons);
      channels = List.copyOf(channels);
    }
  }

  public static Channel channel(ChannelStatus s, Instant now) {
    Duration age = Duration.between(s.updatedAt(), now);
    Duration staleAfter = s.spec().interval().multipliedBy(3).plus(STALE_SLACK);
    String name = s.name();
    if (s.rounds() == 0) {
      return new Channel(s, false, name + ": no probe round yet");
    }
    if (age.compareTo(staleAfter) > 0) {
      // Missing data is never healthy: a stuck probe loop must not keep traffic on a stale yes.
      return new Channel(s, false, name + ": last probe round " + Texts.duration(age) + " ago");
    }
    if (s.condition() != ChannelCondition.HEALTHY || s.rpo().isEmpty()) {
      return new Channel(s, false, name + " is " + s.condition() + ": " + s.verdict());
    }
    Duration rpo = s.rpo().get();
    Duration objective = s.spec().rpoObjective();
    if (rpo.compareTo(objective) > 0) {
      return new Channel(s, false, name + ": RPO " + Texts.duration(rpo) + " above objective "
          + Texts.duration(objective));
    }
    return new Channel(s, true, name + " meets its objective");
  }

  /**
   * @param rto the projection now; empty without a runbook, which can promise no RTO
   */
  public static Standby standby(List<ChannelStatus> statuses, Optional<RtoProjection> rto,
      Duration rtoObjective, Instant now) {
    List<Channel> channels = statuses.stream().map(s -> channel(s, now)).toList();
    List<String> reasons = new ArrayList<>();
    channels.stream().filter(c -> !c.meets()).forEach(c -> reasons.add(c.reason()));
    if (rto.isEmpty()) {
      reasons.add("no runbook configured: no RTO is projected");
    } else if (rto.get().isInfinite()) {
      reasons.add("projected RTO is infinite: " + String.join("; ", rto.get().reasons()));
    } else if (rto.get().total().orElseThrow().compareTo(rtoObjective) > 0) {
      reasons.add("projected RTO " + Texts.duration(rto.get().total().orElseThrow())
          + " above objective " + Texts.duration(rtoObjective));
    }
    return new Standby(reasons.isEmpty(), reasons, channels, rto, rtoObjective);
  }
}
