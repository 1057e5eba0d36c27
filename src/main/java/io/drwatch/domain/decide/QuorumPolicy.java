package io.drwatch.domain.decide;

import io.drwatch.domain.decide.Decision.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The k-of-n rule that turns signals into a declared outage (ODOWN). Families are counted, not
 * votes, because unlike signals fail independently: a partitioned standby region can make every
 * probe fail, but it cannot make the replica lose its upstream and AWS post an issue.
 *
 * <p>Declared when at least {@code minSignals} of the {@code require}d families stand without a
 * break for {@code holdFor}; cleared only after fewer than {@code minSignals} stood for
 * {@code clearAfter}. The two timers are the hysteresis: a blip neither declares nor clears.
 * While the observer is in TILT, or hears fewer than a majority of the configured observers
 * (MINORITY), nothing counts and the state starts over.
 *
 * <p>{@link #evaluate} is a pure function of the view and the previous state.
 */
public record QuorumPolicy(
    List<SignalFamily> require, int minSignals, Duration holdFor, Duration clearAfter) {
  public QuorumPolicy {
    require = List.copyOf(require);
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(clearAfter, "clearAfter");
    if (require.isEmpty()) {
      throw new IllegalArgumentException("require must name at least one signal family");
    }
    if (EnumSet.copyOf(require).size() != require.size()) {
      throw new IllegalArgumentException("require lists a family twice: " + require);
    }
    if (minSignals < 1 || minSignals > require.size()) {
      throw new IllegalArgumentException(
          "minSignals must be between 1 and " + require.size() + ", was " + minSignals);
    }
    if (holdFor.isNegative() || clearAfter.isNegative()) {
      throw new IllegalArgumentException("holdFor and clearAfter must be >= 0");
    }
  }

  /** clearAfter = holdFor: leaving an outage takes as much evidence as entering it. */
  public static QuorumPolicy of(List<SignalFamily> require, int minSignals, Duration holdFor) {
    return new QuorumPolicy(require, minSignals, holdFor, holdFor);
  }

  /**
   * The one default, also what {@code detection.quorum} reads as when absent: probes and
   * replication, both, held and cleared for 5 s. {@code aws-health} is not in it because it needs
   * {@code events.primaryRegion}; add it explicitly (e.g. 2 of the 3).
   */
  public static QuorumPolicy defaults() {
    return of(List.of(SignalFamily.PROBES, SignalFamily.REPLICATION), 2, Duration.ofSeconds(5));
  }

  public Decision evaluate(QuorumView view, QuorumState previous) {
    Instant now = view.now();
    Map<SignalFamily, List<Vote>> votes = new LinkedHashMap<>();
    List<SignalFamily> missing = new ArrayList<>();
    List<FamilySignal> signals = new ArrayList<>();
    for (SignalFamily family : require) {
      FamilySignal signal = view.signal(family);
      signals.add(signal);
      List<Vote> fresh = signal.freshVotes(now);
      votes.put(family, fresh);
      if (fresh.isEmpty()) {
        missing.add(family);
      }
    }
    if (view.tilt().tilted()) {
      // Sentinel answers "not down" while in TILT: no votes, no outage, timers start over.
      votes.replaceAll((family, ignored) -> List.of());
      return new Decision(now, view.target(), Phase.TILT, false, previous.declared(), votes,
          require, 0, minSignals, view.tilt().verdictLine(), QuorumState.initial());
    }
    if (!view.majority().in()) {
      // Sentinel's and Raft's rule: a side that hears fewer than a majority of the N configured
      // observers may be the partitioned one, so it declares nothing and an outage it had
      // declared does not stay declared for it. The families' own words stay in the line.
      votes.replaceAll((family, ignored) -> List.of());
      String parts = String.join(", ", signals.stream().map(FamilySignal::verdictPart).toList());
      return new Decision(now, view.target(), Phase.MINORITY, false, previous.declared(), votes,
          require, 0, minSignals, view.majority().verdictLine() + ": " + parts,
          QuorumState.initial());
    }
    int standing = require.size() - missing.size();
    boolean met = standing >= minSignals;
    Instant metSince = met || previous.declared() ? previous.metSince().orElse(now) : null;
    Verdicts text = new Verdicts(signals, standing, minSignals);
    if (!previous.declared()) {
      if (!met) {
        return decision(view, Phase.NO_OUTAGE, false, previous, votes, missing, standing,
            text.noOutage(), QuorumState.initial());
      }
      Duration held = Duration.between(metSince, now);
      QuorumState next = new QuorumState(held.compareTo(holdFor) >= 0, Optional.of(metSince),
          Optional.empty());
      return next.declared()
          ? decision(view, Phase.DECLARED, true, previous, votes, missing, standing,
              text.declared(held), next)
          : decision(view, Phase.PENDING, false, previous, votes, missing, standing,
              text.pending(held, holdFor), next);
    }
    Duration age = Duration.between(metSince, now);
    if (met) {
      QuorumState next = new QuorumState(true, Optional.of(metSince), Optional.empty());
      return decision(view, Phase.DECLARED, true, previous, votes, missing, standing,
          text.declared(age), next);
    }
    Instant belowSince = previous.belowSince().orElse(now);
    Duration below = Duration.between(belowSince, now);
    if (below.compareTo(clearAfter) >= 0) {
      return decision(view, Phase.NO_OUTAGE, false, previous, votes, missing, standing,
          text.cleared(below), QuorumState.initial());
    }
    QuorumState next = new QuorumState(true, Optional.of(metSince), Optional.of(belowSince));
    return decision(view, Phase.CLEARING, true, previous, votes, missing, standing,
        text.clearing(below, clearAfter), next);
  }

  private Decision decision(QuorumView view, Phase phase, boolean declared, QuorumState previous,
      Map<SignalFamily, List<Vote>> votes, List<SignalFamily> missing, int standing,
      String verdict, QuorumState next) {
    return new Decision(view.now(), view.target(), phase, declared,
        declared != previous.declared(), votes, missing, standing, minSignals, verdict, next);
  }
}
