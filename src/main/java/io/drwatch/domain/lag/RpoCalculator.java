package io.drwatch.domain.lag;

import java.time.Duration;
import java.time.Instant;

/**
 * RPO from canary heartbeats (pt-heartbeat style). Both timestamps come from the primary's clock,
 * so skew between hosts never enters the estimate; the observer's clock only enters the age.
 */
public final class RpoCalculator {
  private RpoCalculator() {}

  /**
   * Writer time of the newest committed heartbeat minus that of the newest visible one, clamped
   * at zero. If the replica already shows the committed sequence it has lost nothing.
   */
  public static Duration rpo(Heartbeat committed, Heartbeat visible) {
    if (visible.seq() >= committed.seq()) {
      return Duration.ZERO;
    }
    Duration d = Duration.between(visible.writerTs(), committed.writerTs());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** How old the replica's newest data is, by the observer's clock; never negative. */
  public static Duration age(Heartbeat visible, Instant now) {
    Duration d = Duration.between(visible.writerTs(), now);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
