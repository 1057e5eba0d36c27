package io.drwatch.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The detection time line: the wall clock read once at start, then advanced by monotonic time
 * only. Freshness windows, hold timers and "which report is newer" are durations, and a wall-clock
 * step (NTP, VM resume, {@code date -s}) must not stretch or shrink them: after a backward step a
 * vote stamped on the wall clock would look as if cast in the future and stay fresh until the
 * wall caught up, long past TILT. Instants on this line are close to the wall clock unless it was
 * stepped; only TILT looks at the wall clock directly, to notice the step.
 */
public final class MonotonicClock extends Clock {
  private final Instant anchorWall;
  private final long anchorNanos;
  private final LongSupplier nanoTime;

  private MonotonicClock(Instant anchorWall, long anchorNanos, LongSupplier nanoTime) {
    this.anchorWall = anchorWall;
    this.anchorNanos = anchorNanos;
    this.nanoTime = nanoTime;
  }

  /** Anchored at {@code wall}'s instant now, advanced by {@code nanoTime} from now on. */
  public static MonotonicClock anchored(Clock wall, LongSupplier nanoTime) {
    Objects.requireNonNull(wall, "wall");
    Objects.requireNonNull(nanoTime, "nanoTime");
    return new MonotonicClock(wall.instant(), nanoTime.getAsLong(), nanoTime);
  }

  /** On the system clock and {@link System#nanoTime()}. */
  public static MonotonicClock system() {
    return anchored(Clock.systemUTC(), System::nanoTime);
  }

  /** The monotonic reading itself, for durations measured in nanoseconds. */
  public long nanos() {
    return nanoTime.getAsLong();
  }

  @Override
  public Instant instant() {
    return anchorWall.plusNanos(nanoTime.getAsLong() - anchorNanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    if (zone.equals(ZoneOffset.UTC)) {
      return this;
    }
    throw new UnsupportedOperationException("the detection time line is UTC only");
  }
}
