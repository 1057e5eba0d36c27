package io.drwatch.domain.decide;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Self-distrust, after Sentinel's TILT mode. An observer whose wall clock jumps or whose loop
 * stalls has just measured freshness windows, hold times and probe timeouts with a broken ruler,
 * so whatever it believes about the primary is suspect. It stops voting until its ticks have
 * been normal for {@code recovery} of monotonic time.
 *
 * <p>Single owner: call {@link #tick} once per decision-loop tick, from one thread. Anomalies:
 * <ul>
 *   <li>the wall clock moved {@code clockJump} or more further (or less far) than monotonic time
 *       between two ticks (NTP step, VM resume, operator {@code date -s});
 *   <li>the monotonic gap between ticks is at least {@code max(stall, 2 x expectedPeriod)}: a
 *       stalled loop, GC pause or SIGSTOP. Two periods so a slow loop's single late tick is not
 *       a stall;
 *   <li>monotonic time went backwards (a caller bug, but never trust it).
 * </ul>
 */
public final class Tilt {
  public static final Duration DEFAULT_THRESHOLD = Duration.ofSeconds(2);
  public static final Duration DEFAULT_RECOVERY = Duration.ofSeconds(30);

  private final Duration clockJump;
  private final Duration stall;
  private final Duration recovery;
  private Instant lastWall;
  private long lastMono;
  private boolean tilted;
  private long anomalyAt;
  private String reason = "normal";
  private TiltStatus status;

  /** One threshold for both a clock jump and a loop stall. */
  public Tilt(Duration threshold, Duration recovery) {
    this(threshold, threshold, recovery);
  }

  public Tilt(Duration clockJump, Duration stall, Duration recovery) {
    for (Duration d : new Duration[] {clockJump, stall}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("clockJump and stall must be > 0, was " + d);
      }
    }
    if (recovery.isNegative()) {
      throw new IllegalArgumentException("recovery must be >= 0, was " + recovery);
    }
    this.clockJump = clockJump;
    this.stall = stall;
    this.recovery = recovery;
    this.status = TiltStatus.normal(recovery);
  }

  /** 2 s threshold, 30 s recovery: Sentinel's numbers. */
  public static Tilt withDefaults() {
    return new Tilt(DEFAULT_THRESHOLD, DEFAULT_RECOVERY);
  }

  /**
   * Feeds one tick.
   *
   * @param wall the wall clock now ({@code Clock.instant()})
   * @param monoNanos the monotonic clock now ({@code System.nanoTime()})
   * @param expectedPeriod the loop's configured tick period
   */
  public TiltStatus tick(Instant wall, long monoNanos, Duration expectedPeriod) {
    Objects.requireNonNull(wall, "wall");
    boolean wasTilted = tilted;
    if (lastWall != null) {
      String anomaly = anomaly(Duration.between(lastWall, wall),
          Duration.ofNanos(monoNanos - lastMono), expectedPeriod);
      if (anomaly != null) {
        tilted = true;
        anomalyAt = monoNanos;
        reason = anomaly;
      }
    }
    lastWall = wall;
    lastMono = monoNanos;
    Duration normalFor = tilted ? Duration.ofNanos(monoNanos - anomalyAt) : Duration.ZERO;
    if (tilted && normalFor.compareTo(recovery) >= 0) {
      tilted = false;
      reason = "normal for " + Texts.duration(normalFor) + " after: " + reason;
    } else if (!tilted) {
      reason = "normal";
    }
    status = new TiltStatus(tilted, reason, normalFor, recovery, tilted != wasTilted);
    return status;
  }

  /** The status as of the last tick. */
  public TiltStatus status() {
    return status;
  }

  private String anomaly(Duration wallGap, Duration monoGap, Duration expectedPeriod) {
    if (monoGap.isNegative()) {
      return "monotonic time went backwards by " + Texts.duration(monoGap.negated());
    }
    Duration skew = wallGap.minus(monoGap);
    if (skew.abs().compareTo(clockJump) >= 0) {
      return "wall clock jumped %s %s monotonic time".formatted(
          Texts.duration(skew.abs()), skew.isNegative() ? "back against" : "ahead of");
    }
    Duration stallAfter = max(stall, expectedPeriod.multipliedBy(2));
    if (monoGap.compareTo(stallAfter) >= 0) {
      return "decision loop stalled: %s between ticks (expected %s)".formatted(
          Texts.duration(monoGap), Texts.duration(expectedPeriod));
    }
    return null;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
