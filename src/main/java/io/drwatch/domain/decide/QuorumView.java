package io.drwatch.domain.decide;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the quorum looks at for one target at one tick: the signal of each family (built by
 * {@code domain.detect}: ProbeTally, ReplicationSignal, HealthEvents) and this observer's TILT
 * status. A required family missing from {@code signals} counts as {@link FamilySignal#none}.
 */
public record QuorumView(
    Instant now, String target, Map<SignalFamily, FamilySignal> signals, TiltStatus tilt) {
  public QuorumView {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(tilt, "tilt");
    signals = signals.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new EnumMap<>(signals));
  }

  /** Convenience: index a list of family signals (one per family). */
  public static QuorumView of(Instant now, String target, List<FamilySignal> signals, TiltStatus tilt) {
    Map<SignalFamily, FamilySignal> byFamily = new EnumMap<>(SignalFamily.class);
    for (FamilySignal s : signals) {
      if (byFamily.put(s.family(), s) != null) {
        throw new IllegalArgumentException("two " + s.family() + " signals for " + target);
      }
    }
    return new QuorumView(now, target, byFamily, tilt);
  }

  public FamilySignal signal(SignalFamily family) {
    FamilySignal s = signals.get(family);
    return s == null ? FamilySignal.none(family) : s;
  }
}
