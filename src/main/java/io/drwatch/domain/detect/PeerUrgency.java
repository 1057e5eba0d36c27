package io.drwatch.domain.detect;

import io.drwatch.domain.decide.Decision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Whether this observer waits on its peers' word: Sentinel's {@code is-master-down-by-addr}, asked
 * as soon as a Sentinel sees SDOWN rather than at its periodic exchange. A target this observer
 * suspects, not yet declared, whose probes family still lacks a majority of the configured
 * observers, is decided by the next peer report; the exchange should then be asked at once and at
 * a fast cadence, and at the slow one otherwise (in TILT nothing is suspected, so nothing is
 * asked). In the minority (the peers silent) it stays asked: their answer is what ends it.
 */
public final class PeerUrgency {
  private PeerUrgency() {}

  /**
   * @param observers N = 1 + configured peers
   * @param own this observer's reports as the round judged them (tilted ones suspect nothing)
   * @param peers every peer report held
   * @param decisions the round's decisions, one per target
   */
  public static boolean awaited(int observers, List<ObserverReport> own,
      Collection<ObserverReport> peers, List<Decision> decisions, Instant now) {
    if (observers < 2) {
      return false;
    }
    for (ObserverReport r : own) {
      if (r.suspected() && !declared(r.target(), decisions)
          && !ProbeTally.of(r.target(), observers, r, peers, now).majority()) {
        return true;
      }
    }
    return false;
  }

  private static boolean declared(String target, List<Decision> decisions) {
    return decisions.stream().anyMatch(d -> d.target().equals(target) && d.declared());
  }
}
