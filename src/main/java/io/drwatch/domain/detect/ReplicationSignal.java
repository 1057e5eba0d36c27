package io.drwatch.domain.detect;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Vote;
import io.drwatch.domain.lag.LinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code replication} family for one target, from the channels whose primary it is
 * (orchestrator's holistic rule): a replica that, by its own account, lost its upstream is an
 * observer that sits on the replication path itself. The vote stands whether or not we can reach
 * the primary; the classifier reports an unreachable primary as SOURCE_UNREACHABLE even when
 * the replica also lost it, so the replica's link is read directly.
 */
public final class ReplicationSignal {
  private ReplicationSignal() {}

  /** Lost upstream: link DOWN, or BROKEN, or STALLED (the replica stopped applying). */
  public static boolean lostUpstream(ChannelStatus s) {
    return s.replicaLink() == LinkState.DOWN
        || s.condition() == ChannelCondition.BROKEN
        || s.condition() == ChannelCondition.STALLED;
  }

  /**
   * @param channels the current status of every channel mapped to the target
   * @param freshFor how long a status counts after its round ({@code updatedAt}); a channel whose
   *     probe loop stopped reporting cannot vote. Suggested: 3 x interval + 2 x timeout
   */
  public static FamilySignal of(Collection<ChannelStatus> channels, Instant now, Duration freshFor) {
    List<Vote> votes = new ArrayList<>();
    List<String> lost = new ArrayList<>();
    for (ChannelStatus s : channels) {
      Vote v = new Vote(SignalFamily.REPLICATION, s.name(), "replica of " + s.name(),
          s.updatedAt(), freshFor, s.name() + " " + s.condition() + ": " + s.verdict());
      if (lostUpstream(s) && v.isFresh(now)) {
        votes.add(v);
        lost.add(describeLoss(s));
      }
    }
    if (!votes.isEmpty()) {
      return new FamilySignal(SignalFamily.REPLICATION, votes,
          "lost upstream (" + String.join("; ", lost) + ")");
    }
    return new FamilySignal(SignalFamily.REPLICATION, List.of(), conditions(channels, now, freshFor));
  }

  private static String describeLoss(ChannelStatus s) {
    ChannelCondition c = s.condition();
    return c == ChannelCondition.BROKEN || c == ChannelCondition.STALLED
        ? s.name() + " " + c
        : s.name() + " " + c + ", link down";
  }

  /** "HEALTHY" when every channel agrees, else "orders-db HEALTHY, sessions LAGGING". */
  private static String conditions(Collection<ChannelStatus> channels, Instant now, Duration freshFor) {
    if (channels.isEmpty()) {
      return "no channels mapped";
    }
    Set<String> distinct = new LinkedHashSet<>();
    List<String> each = new ArrayList<>();
    for (ChannelStatus s : channels) {
      boolean fresh = !now.isAfter(s.updatedAt().plus(freshFor));
      String c = s.condition() + (fresh ? "" : " (stale)");
      distinct.add(c);
      each.add(s.name() + " " + c);
    }
    return distinct.size() == 1 ? distinct.iterator().next() : String.join(", ", each);
  }
}
