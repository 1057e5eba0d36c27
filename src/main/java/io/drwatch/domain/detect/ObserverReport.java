package io.drwatch.domain.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One observer's opinion of one target, as exchanged between observers. A report that is not
 * fresh means the peer is not live: we cannot hear it, so it cannot vote either way.
 *
 * @param seenAt when the observer last probed the target, on <em>our</em> wall clock. For a
 *     peer's report: our receive time minus the age the peer reports, never the peer's own
 *     timestamp, so clock skew between observers does not make reports fresher or staler
 * @param freshFor how long after {@code seenAt} the report counts (inclusive)
 */
public record ObserverReport(
    String observer, String target, boolean suspected, Instant seenAt, Duration freshFor,
    String detail) {
  public ObserverReport {
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(seenAt, "seenAt");
    Objects.requireNonNull(detail, "detail");
    if (freshFor.isNegative()) {
      throw new IllegalArgumentException("freshFor must be >= 0, was " + freshFor);
    }
  }

  public boolean isFresh(Instant now) {
    return !now.isAfter(seenAt.plus(freshFor));
  }

  /**
   * The report to publish while this observer is in TILT: present (we are alive) but suspecting
   * nothing, as Sentinel answers "not down" to its peers while it distrusts itself.
   */
  public ObserverReport tilted() {
    return new ObserverReport(observer, target, false, seenAt, freshFor, "in TILT: not voting");
  }
}
