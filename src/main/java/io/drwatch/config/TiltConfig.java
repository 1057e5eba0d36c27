package io.drwatch.config;

import io.drwatch.domain.Require;
import java.time.Duration;

/**
 * When the observer distrusts itself and stops voting (Sentinel's TILT).
 *
 * @param clockJump a wall clock step of at least this much between ticks tilts, default 2s,
 *     greater than 0
 * @param stall a monotonic gap of at least this much between ticks tilts, default 2s, greater than
 *     0
 * @param recovery normal ticks needed to leave TILT, default 30s, greater than 0
 */
public record TiltConfig(Duration clockJump, Duration stall, Duration recovery) {

  public TiltConfig {
    Require.nonNull("clockJump", clockJump, "stall", stall, "recovery", recovery);
  }

  /** 2s, 2s and 30s: Sentinel's numbers. */
  public static TiltConfig defaults() {
    return new TiltConfig(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(30));
  }
}
