package io.drwatch.domain.decide;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link QuorumPolicy} remembers between ticks for one target. Immutable: each
 * {@link Decision} carries the state to pass to the next evaluation.
 *
 * @param declared whether an outage (ODOWN) is declared
 * @param metSince since when at least minSignals families have stood without a break (kept
 *     through a clearing dip, so "for 40s" in a verdict is the outage's age)
 * @param belowSince while declared: since when fewer than minSignals have stood
 */
public record QuorumState(boolean declared, Optional<Instant> metSince, Optional<Instant> belowSince) {
  public QuorumState {
    Objects.requireNonNull(metSince, "metSince");
    Objects.requireNonNull(belowSince, "belowSince");
  }

  public static QuorumState initial() {
    return new QuorumState(false, Optional.empty(), Optional.empty());
  }
}
