package io.drwatch.domain.decide;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one signal family says at one instant: its votes and a short summary for the verdict line
 * (e.g. {@code "1/3 suspect db-primary"}, {@code "HEALTHY"}, {@code "none"}). The family stands
 * when at least one of its votes is fresh; the producers in {@code domain.detect} only put
 * votes here that already satisfy the family's own rule (a probe majority, a lost upstream).
 */
public record FamilySignal(SignalFamily family, List<Vote> votes, String summary) {
  public FamilySignal {
    Objects.requireNonNull(family, "family");
    Objects.requireNonNull(summary, "summary");
    votes = List.copyOf(votes);
    for (Vote v : votes) {
      if (v.family() != family) {
        throw new IllegalArgumentException(v.family() + " vote in the " + family + " signal");
      }
    }
  }

  /** A family with nothing to say, e.g. one that is required but not configured. */
  public static FamilySignal none(SignalFamily family) {
    return new FamilySignal(family, List.of(), "none");
  }

  public List<Vote> freshVotes(Instant now) {
    return votes.stream().filter(v -> v.isFresh(now)).toList();
  }

  public boolean stands(Instant now) {
    return votes.stream().anyMatch(v -> v.isFresh(now));
  }

  /** {@code "probes 1/3 suspect db-primary"}: the family's part of a verdict line. */
  public String verdictPart() {
    return family.configName() + " " + summary;
  }
}
