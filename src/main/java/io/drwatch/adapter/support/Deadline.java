package io.drwatch.adapter.support;

import io.drwatch.domain.MonotonicClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A point in time after which a wait gives up, read on an injected clock. The default clock is
 * monotonic ({@link MonotonicClock}): a wall-clock step (NTP, VM resume) must neither end a
 * read-back early nor stretch it. Tests inject a clock they move by hand.
 *
 * @param budget the whole wait, for messages ("still modifying after 30m")
 */
public record Deadline(Clock clock, Instant at, Duration budget) {
  /** The one monotonic clock adapters share unless a test injects another. */
  public static final MonotonicClock MONOTONIC = MonotonicClock.system();

  public Deadline {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(at, "at");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("a deadline's budget must be >= 0, was " + budget);
    }
  }

  /** {@code budget} from now on {@code clock}. */
  public static Deadline after(Duration budget, Clock clock) {
    return new Deadline(clock, clock.instant().plus(budget), budget);
  }

  /** {@code budget} from now on the monotonic clock. */
  public static Deadline after(Duration budget) {
    return after(budget, MONOTONIC);
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }

  /** Time left, never negative. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }
}
