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
 * The {@code replication} family for one target, orchestrator's {@code DeadMaster}: it votes only
 * when this observer cannot reach the primary (it suspects the target) <em>and</em> every replica
 * mapped to the target, by its own account, lost its upstream (link DOWN), on a fresh status.
 * A replica that still streams makes it {@code UnreachableMaster}, which is not actionable: the
 * network between us and the primary failed, not the primary. A STALLED or BROKEN channel with a
 * reachable primary is a replication incident, not a dead primary: it is shown, never counted.
 */
public final class ReplicationSignal {
  private ReplicationSignal() {}

  /** By its own account the replica lost its upstream: its link is DOWN. */
  public static boolean lostUpstream(ChannelStatus s) {
    return s.replicaLink() == LinkState.DOWN;
  }

  /**
   * @param channels the current status of every channel mapped to the target
   * @param primaryUnreachable this observer suspects the target (SDOWN)
   * @param freshFor how long a status counts after its round ({@code updatedAt}); a channel whose
   *     probe loop stopped reporting cannot vote. Suggested: 3 x interval + 2 x timeout
   */
  public static FamilySignal of(Collection<ChannelStatus> channels, boolean primaryUnreachable,
      Instant now, Duration freshFor) {
    return of(channels, primaryUnreachable, now, freshFor, Duration.ZERO);
  }

  /**
   * As {@link #of(Collection, boolean, Instant, Duration)}, for statuses stamped on the wall clock
   * while {@code now} is on the detection time line: {@code wallToLine} (time line minus wall,
   * read together) moves each {@code updatedAt} onto the line. A status stamped before a wall
   * step is misplaced by the step until its next round replaces it (one interval).
   */
  public static FamilySignal of(Collection<ChannelStatus> channels, boolean primaryUnreachable,
      Instant now, Duration freshFor, Duration wallToLine) {
    Instant then = now.minus(wallToLine);
    if (channels.isEmpty()) {
      return new FamilySignal(SignalFamily.REPLICATION, List.of(), "no channels mapped");
    }
    List<Vote> votes = new ArrayList<>();
    for (ChannelStatus s : channels) {
      Vote v = new Vote(SignalFamily.REPLICATION, s.name(), "replica of " + s.name(),
          s.updatedAt().plus(wallToLine), freshFor, s.name() + " " + s.condition() + ": " + s.verdict());
      if (lostUpstream(s) && v.isFresh(now)) {
        votes.add(v);
      }
    }
    boolean everyReplicaLostIt = votes.size() == channels.size();
    if (primaryUnreachable && everyReplicaLostIt) {
      return new FamilySignal(SignalFamily.REPLICATION, votes,
          "dead primary: every replica lost it (" + each(channels, then, freshFor) + ")");
    }
    return new FamilySignal(SignalFamily.REPLICATION, List.of(),
        notCounted(channels, primaryUnreachable, then, freshFor));
  }

  private static String notCounted(Collection<ChannelStatus> channels, boolean primaryUnreachable,
      Instant now, Duration freshFor) {
    if (primaryUnreachable) {
      return "not every replica lost the primary (" + each(channels, now, freshFor) + ")";
    }
    boolean incident = channels.stream().anyMatch(s -> lostUpstream(s)
        || s.condition() == ChannelCondition.BROKEN || s.condition() == ChannelCondition.STALLED);
    if (incident) {
      return each(channels, now, freshFor) + "; primary not suspected: not counted";
    }
    return conditions(channels, now, freshFor);
  }

  /** "orders-db SOURCE_UNREACHABLE, link down; sessions HEALTHY (stale)". */
  private static String each(Collection<ChannelStatus> channels, Instant now, Duration freshFor) {
    List<String> each = new ArrayList<>();
    for (ChannelStatus s : channels) {
      each.add(s.name() + " " + s.condition() + (lostUpstream(s) ? ", link down" : "")
          + (fresh(s, now, freshFor) ? "" : " (stale)"));
    }
    return String.join("; ", each);
  }

  /** "HEALTHY" when every channel agrees, else "orders-db HEALTHY, sessions LAGGING". */
  private static String conditions(Collection<ChannelStatus> channels, Instant now, Duration freshFor) {
    Set<String> distinct = new LinkedHashSet<>();
    List<String> each = new ArrayList<>();
    for (ChannelStatus s : channels) {
      String c = s.condition() + (fresh(s, now, freshFor) ? "" : " (stale)");
      distinct.add(c);
      each.add(s.name() + " " + c);
    }
    return distinct.size() == 1 ? distinct.iterator().next() : String.join(", ", each);
  }

  private static boolean fresh(ChannelStatus s, Instant now, Duration freshFor) {
    return !now.isAfter(s.updatedAt().plus(freshFor));
  }
}
