package io.drwatch.domain.round;

import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.Majority;
import io.drwatch.domain.decide.Shadow;
import io.drwatch.domain.detect.ObserverReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one detection round concluded.
 *
 * @param decisions one per target, in input order
 * @param next the state to pass to the next round
 * @param deadline when the earliest running holdFor or clearAfter ends (strictly after now):
 *     run a round then, so a declaration or a clearing is not late by up to one tick
 * @param majority whether this observer hears a strict majority of the N configured observers
 * @param own this observer's reports as served to peers (suspecting nothing while tilted)
 * @param blockers the inputs' blockers, preceded by {@code tilt} and {@code minority} when they
 *     apply: what shadow mode reports
 * @param shadow whether drwatch would fail over now, and the expected loss
 * @param verdict the one verdict line of the round
 * @param shape the verdict's words without its clocks (each target's phase and its families'
 *     own words, or the TILT reason): equal shapes mean nothing worth a new log line happened
 * @param trigger whether a run should start if nothing blocks
 */
public record RoundResult(
    Instant at,
    List<Decision> decisions,
    RoundState next,
    Optional<Instant> deadline,
    Majority majority,
    List<ObserverReport> own,
    List<String> blockers,
    Shadow shadow,
    String verdict,
    String shape,
    TriggerIntent trigger) {
  public RoundResult {
    decisions = List.copyOf(decisions);
    own = List.copyOf(own);
    blockers = List.copyOf(blockers);
  }
}
