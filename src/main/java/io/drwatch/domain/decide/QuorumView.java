package io.drwatch.domain.decide;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the quorum looks at for one target at one tick: the signal of each family (built by
 * {@code domain.detect}: ProbeTally, ReplicationSignal, HealthEvents), this observer's TILT
 * status and whether it hears a majority of the configured observers. A required family missing
 * from {@code signals} counts as {@link FamilySignal#none}.
 */
public record QuorumView(Instant now, String target, Map<SignalFamily, FamilySignal> signals,
    TiltStatus tilt, Majority majority) {
  public QuorumView {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tilt, "tilt");
    Objects.requireNonNull(majority, "majority");
    signals = signals.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(signals));
  }

  /** A lone observer's view: always the majority. */
  public static QuorumView of(Instant now, String target, List<FamilySignal> signals, TiltStatus tilt) {
    return of(now, target, signals, tilt, Majority.alone());
  }

  /** Convenience: index a list of family signals (one per family). */
  public static QuorumView of(Instant now, String target, List<FamilySignal> signals,
      TiltStatus tilt, Majority majority) {
    Map<SignalFamily, FamilySignal> byFamily = new EnumMap<>(SignalFamily.class);
    for (FamilySignal s : signals) {
      if (byFamily.put(s.family(), s) != null) {
        throw new IllegalArgumentException("two " + s.family() + " signals for " + target);
      }
    }
    return new QuorumView(now, target, byFamily, tilt, majority);
  }

  public FamilySignal signal(SignalFamily family) {
    FamilySignal s = signals.get(family);
    return s == null ? FamilySignal.none(family) : s;
  }
}
