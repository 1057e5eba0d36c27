package io.drwatch.domain.decide;

import io.drwatch.domain.Require;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of one quorum evaluation for one target: export it ({@code drwatch_outage_declared},
 * {@code drwatch_outage_votes{signal}}), log {@link #verdict} once per tick, keep the last ones
 * for the status API, and pass {@link #state} to the next evaluation.
 *
 * @param votes the fresh votes of each required family, in {@code require} order; a family that
 *     does not stand maps to an empty list
 * @param missing required families without a fresh vote: what an outage would still need
 * @param standing how many required families stand (0 while tilted or in the minority)
 * @param needed minSignals
 * @param changed true on the tick {@code declared} flipped
 */
public record Decision(
    Instant at,
    String target,
    Phase phase,
    boolean declared,
    boolean changed,
    Map<SignalFamily, List<Vote>> votes,
    List<SignalFamily> missing,
    int standing,
    int needed,
    String verdict,
    QuorumState state) {

  /** Where the target is in the ODOWN life cycle. */
  public enum Phase {
    /** Fewer than minSignals families stand. */
    NO_OUTAGE,
    /** Enough families stand, but not yet for holdFor. */
    PENDING,
    /** ODOWN: enough families stood for holdFor. */
    DECLARED,
    /** Still declared; fewer than minSignals stand, not yet for clearAfter. */
    CLEARING,
    /** The observer distrusts itself: nothing counted, nothing declared. */
    TILT,
    /**
     * The observer hears fewer than a majority of the N configured observers (itself included):
     * it may be the partitioned side, so nothing is counted and nothing declared.
     */
    MINORITY,
    /**
     * Every channel of the target was failed over and runs on the promoted side: the target is
     * the former primary, so nothing about it is counted or declared any more.
     */
    FAILED_OVER
  }

  public Decision {
    Require.nonNull("at", at, "target", target, "phase", phase, "verdict", verdict, "state", state);
    // Map.copyOf would lose the require order the status API shows.
    votes = Collections.unmodifiableMap(new LinkedHashMap<>(votes));
    missing = List.copyOf(missing);
  }

  /** True if any of the targets' decisions is declared: the region-level {@code drwatch_outage_declared}. */
  public static boolean anyDeclared(List<Decision> decisions) {
    return decisions.stream().anyMatch(Decision::declared);
  }
}
