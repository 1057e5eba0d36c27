package io.drwatch.app.decide;

import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.Shadow;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.ObserverReport;
import java.time.Instant;
import java.util.List;

/**
 * What one decision tick concluded, as an immutable snapshot for metrics and the status API.
 *
 * @param own this observer's report per target
 * @param peers the peer reports held at the tick, fresh or not
 */
public record Detection(
    String observer,
    Instant at,
    TiltStatus tilt,
    List<Decision> decisions,
    Shadow shadow,
    List<ObserverReport> own,
    List<ObserverReport> peers,
    String verdict) {

  public boolean inMajority() {
    return true;
  }

  public boolean primaryRefusing(String target) {
    return false;
  }

  public boolean declared() {
    return Decision.anyDeclared(decisions);
  }
}
