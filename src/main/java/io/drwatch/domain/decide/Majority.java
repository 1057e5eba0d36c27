package io.drwatch.domain.decide;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether this observer hears a strict majority of the N configured observers (itself included),
 * after Sentinel's rule and Raft's intuition: only a majority side may declare, so two sides of a
 * partition can never both fail over. N is fixed by config, never by who happens to answer, so a
 * partitioned observer is a minority of one, not a majority of one.
 *
 * @param hears observers heard now: this one plus every peer with a fresh report
 * @param observers N = 1 + configured peers
 * @param stale peers heard before whose reports are too old now, sorted
 * @param silent configured peers never heard at all
 */
public record Majority(int hears, int observers, List<String> stale, int silent) {
  public Majority {
    stale = List.copyOf(stale);
    if (observers < 1 || hears < 1) {
      throw new IllegalArgumentException(
          "observers and hears must be >= 1 (this observer counts), were " + observers + ", " + hears);
    }
  }

  /** A lone observer (no peers): always the majority. */
  public static Majority alone() {
    return new Majority(1, 1, List.of(), 0);
  }

  public boolean in() {
    return hears * 2 > observers;
  }

  /**
   * {@code "minority: hears 1 of 3 observers (obs-b, obs-c stale); declares nothing, executes
   * nothing"}; in the majority, {@code "majority: hears 2 of 3 observers"}.
   */
  public String verdictLine() {
    String line = (in() ? "majority" : "minority") + ": hears " + hears + " of " + observers
        + " observers";
    List<String> absent = new ArrayList<>();
    if (!stale.isEmpty()) {
      absent.add(String.join(", ", stale) + " stale");
    }
    if (silent > 0) {
      absent.add(silent + (silent == 1 ? " peer" : " peers") + " never heard");
    }
    if (!absent.isEmpty()) {
      line += " (" + String.join("; ", absent) + ")";
    }
    return in() ? line : line + "; declares nothing, executes nothing";
  }
}
