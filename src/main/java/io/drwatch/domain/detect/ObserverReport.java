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
 * @param refusing suspected, and the last failuresToSuspect probes were all refused (connection
 *     refused: the process is gone) rather than timing out; only ever true in this observer's own
 *     report, peers do not send it
 */
public record ObserverReport(
    String observer, String target, boolean suspected, Instant seenAt, Duration freshFor,
    String detail, boolean refusing) {
  public ObserverReport {
    Objects.requireNonNull(observer, "observer");
    if (refusing && !suspected) {
      throw new IllegalArgumentException("refusing without suspected for " + target);
    }
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(seenAt, "seenAt");
    Objects.requireNonNull(detail, "detail");
    if (freshFor.isNegative()) {
      throw new IllegalArgumentException("freshFor must be >= 0, was " + freshFor);
    }
  }

  /** A report that says nothing about refusals: a peer's, or a test's. */
  public ObserverReport(String observer, String target, boolean suspected, Instant seenAt,
      Duration freshFor, String detail) {
    this(observer, target, suspected, seenAt, freshFor, detail, false);
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
