package io.drwatch.domain.decide;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.Objects;

/**
 * Whether this observer distrusts itself right now, and why.
 *
 * @param tilted true: cast no votes (publish nothing suspected to peers) and declare nothing
 * @param reason the latest anomaly while tilted; {@code "normal"} otherwise
 * @param normalFor how long ticks have been normal since the latest anomaly (monotonic time)
 * @param recovery how long they must be normal before TILT ends
 * @param changed true on the tick that entered or left TILT, for a log line
 */
public record TiltStatus(
    boolean tilted, String reason, Duration normalFor, Duration recovery, boolean changed) {
  public TiltStatus {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(normalFor, "normalFor");
    Objects.requireNonNull(recovery, "recovery");
  }

  /** Not tilted, nothing happened: the state before the first tick. */
  public static TiltStatus normal(Duration recovery) {
    return new TiltStatus(false, "normal", Duration.ZERO, recovery, false);
  }

  /** {@code "TILT: <reason>; no votes counted, nothing declared until 30s of normal ticks (4s so far)"}. */
  public String verdictLine() {
    if (!tilted) {
      return "tilt off: " + reason;
    }
    return "TILT: %s; no votes counted, nothing declared until %s of normal ticks (%s so far)"
        .formatted(reason, Texts.duration(recovery), Texts.duration(normalFor));
  }
}
