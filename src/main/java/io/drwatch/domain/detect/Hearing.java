package io.drwatch.domain.detect;

import io.drwatch.domain.decide.Majority;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which observers this one hears now, from the peer reports it holds. A peer is heard while any of
 * its reports is fresh: hearing is about the observer, not about one target.
 */
public final class Hearing {
  private Hearing() {}

  /**
   * @param self this observer's name (its own echoes among the reports are ignored)
   * @param observers N = 1 + configured peers
   * @param peers every peer report held, fresh or not
   */
  public static Majority of(String self, int observers, Collection<ObserverReport> peers,
      Instant now) {
    Set<String> fresh = new HashSet<>();
    Set<String> known = new TreeSet<>();
    for (ObserverReport r : peers) {
      if (r.observer().equals(self)) {
        continue;
      }
      known.add(r.observer());
      if (r.isFresh(now)) {
        fresh.add(r.observer());
      }
    }
    known.removeAll(fresh);
    List<String> stale = List.copyOf(known);
    int hears = 1 + fresh.size();
    // A renamed peer can leave an old name behind; never report fewer than zero silent peers.
    int silent = Math.max(0, observers - hears - stale.size());
    return new Majority(hears, Math.max(observers, 1), stale, silent);
  }
}
