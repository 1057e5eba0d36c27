package io.drwatch.domain.detect;

import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Vote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code probes} family for one target: it stands when a strict majority of the live
 * observers suspect the target (SDOWN to ODOWN). Live = this observer, always, plus every peer
 * whose report is fresh. One observer alone is a majority of one; two observers need both; a
 * partitioned observer that cannot hear its peers is outvoted only if it can still hear them.
 *
 * @param suspecting live observers that suspect the target, sorted
 * @param live all live observers, sorted
 * @param stale peers we know of whose reports are too old to count, sorted
 */
public record ProbeTally(
    String target, List<String> suspecting, List<String> live, List<String> stale, Instant at) {
  public ProbeTally {
    suspecting = List.copyOf(suspecting);
    live = List.copyOf(live);
    stale = List.copyOf(stale);
  }

  /**
   * @param own this observer's report (counted even if old: we are live by definition)
   * @param peers the latest report received from each peer; reports for other targets, and
   *     reports claiming to be from this observer, are ignored
   */
  public static ProbeTally of(
      String target, ObserverReport own, Collection<ObserverReport> peers, Instant now) {
    Map<String, ObserverReport> newest = new TreeMap<>();
    for (ObserverReport r : peers) {
      if (r.target().equals(target) && !r.observer().equals(own.observer())) {
        newest.merge(r.observer(), r, (a, b) -> a.seenAt().isAfter(b.seenAt()) ? a : b);
      }
    }
    List<String> suspecting = new ArrayList<>();
    List<String> live = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    newest.put(own.observer(), own);
    for (ObserverReport r : newest.values()) {
      if (r != own && !r.isFresh(now)) {
        stale.add(r.observer());
        continue;
      }
      live.add(r.observer());
      if (r.suspected()) {
        suspecting.add(r.observer());
      }
    }
    return new ProbeTally(target, suspecting, live, stale, now);
  }

  public boolean majority() {
    return suspecting.size() * 2 > live.size();
  }

  /** {@code "2/3 suspect db-primary"}, plus {@code " (obs-c stale)"} when peers went quiet. */
  public String summary() {
    String s = suspecting.size() + "/" + live.size() + " suspect " + target;
    return stale.isEmpty() ? s : s + " (" + String.join(", ", stale) + " stale)";
  }

  /**
   * The family signal. The vote is recomputed every tick from reports that carry their own
   * freshness, so it is cast now and is fresh only now.
   */
  public FamilySignal signal() {
    if (!majority()) {
      return new FamilySignal(SignalFamily.PROBES, List.of(), summary());
    }
    Vote vote = new Vote(SignalFamily.PROBES, target, String.join("+", suspecting), at,
        Duration.ZERO, String.join(", ", suspecting) + " of " + live.size()
            + " live observers suspect " + target);
    return new FamilySignal(SignalFamily.PROBES, List.of(vote), summary());
  }
}
