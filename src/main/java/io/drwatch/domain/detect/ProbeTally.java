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
 * The {@code probes} family for one target: it stands when a strict majority of the N
 * <em>configured</em> observers suspect the target (SDOWN to ODOWN), N = 1 + configured peers. A
 * peer whose report is stale counts as not suspecting: a partitioned observer that hears nobody is
 * one vote of N, never a majority of one. One observer alone (N = 1) is a majority of one; two
 * need both.
 *
 * @param suspecting live observers that suspect the target, sorted
 * @param live this observer plus every peer with a fresh report for the target, sorted
 * @param stale peers we heard from whose reports are too old to count, sorted
 * @param observers N, the configured number of observers
 */
public record ProbeTally(String target, List<String> suspecting, List<String> live,
    List<String> stale, int observers, Instant at) {
  public ProbeTally {
    suspecting = List.copyOf(suspecting);
    live = List.copyOf(live);
    stale = List.copyOf(stale);
    if (observers < 1) {
      throw new IllegalArgumentException("observers must be >= 1, was " + observers);
    }
  }

  /**
   * @param observers N = 1 + configured peers
   * @param own this observer's report (counted even if old: we are live by definition)
   * @param peers the latest report received from each peer; reports for other targets, and
   *     reports claiming to be from this observer, are ignored
   */
  public static ProbeTally of(String target, int observers, ObserverReport own,
      Collection<ObserverReport> peers, Instant now) {
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
    return new ProbeTally(target, suspecting, live, stale, observers, now);
  }

  /** A strict majority of the N configured observers suspect: suspecting x 2 > N. */
  public boolean majority() {
    return suspecting.size() * 2 > observers;
  }

  /**
   * {@code "2/3 suspect db-primary"} (of N configured), plus {@code " (obs-c stale)"} when peers
   * went quiet and {@code " (1/3 heard)"} when some were never heard.
   */
  public String summary() {
    String s = suspecting.size() + "/" + observers + " suspect " + target;
    List<String> notes = new ArrayList<>();
    if (!stale.isEmpty()) {
      notes.add(String.join(", ", stale) + " stale");
    }
    int silent = observers - live.size() - stale.size();
    if (silent > 0) {
      notes.add(silent + " never heard");
    }
    return notes.isEmpty() ? s : s + " (" + String.join("; ", notes) + ")";
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
        Duration.ZERO, String.join(", ", suspecting) + " of " + observers
            + " observers suspect " + target);
    return new FamilySignal(SignalFamily.PROBES, List.of(vote), summary());
  }
}
