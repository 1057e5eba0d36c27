package io.drwatch.app.decide;

import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.Majority;
import io.drwatch.domain.decide.Shadow;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.round.TriggerIntent;
import java.time.Instant;
import java.util.List;

/**
 * What one decision tick concluded, as an immutable snapshot for metrics and the status API.
 *
 * @param at the tick's instant on the detection time line (monotonic, anchored to the wall clock
 *     at start; see {@code MonotonicClock})
 * @param majority whether this observer hears a strict majority of the N configured observers
 * @param own this observer's report per target
 * @param peers the peer reports held at the tick, fresh or not
 * @param trigger whether a run should start if nothing blocks (the failover pipeline decides)
 */
public record Detection(
    String observer,
    Instant at,
    TiltStatus tilt,
    Majority majority,
    List<Decision> decisions,
    Shadow shadow,
    List<ObserverReport> own,
    List<ObserverReport> peers,
    String verdict,
    TriggerIntent trigger) {

  public boolean declared() {
    return Decision.anyDeclared(decisions);
  }

  /**
   * True when this observer hears a strict majority of the configured observers (itself
   * included; a lone observer always does). In the minority it declares nothing, and nothing
   * may be executed on its word.
   */
  public boolean inMajority() {
    return majority.in();
  }

  /**
   * True when this observer suspects {@code target} and at least its last failuresToSuspect
   * probes were all refused (connection refused: nothing listens) rather than timing out or
   * failing otherwise, so the primary cannot be taking writes. False for an unknown target, and
   * while in TILT (a tilted observer's reports suspect nothing).
   */
  public boolean primaryRefusing(String target) {
    return own.stream().anyMatch(r -> r.target().equals(target) && r.refusing());
  }
}
