package io.drwatch.domain.round;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which verdict lines reach the log: a round whose {@link RoundResult#shape} differs from the
 * last one logged (a phase or a family's words changed), and while nothing changes one summary
 * line per {@code quietInterval}. A steady daemon ticking every second would otherwise write
 * 86,400 identical lines a day per target and bury the one that matters.
 *
 * <p>Time is the rounds' own ({@link RoundResult#at}), so virtual time drives it in tests.
 */
public final class QuietVerdicts {
  private final Duration quietInterval;
  private String shape;
  private Instant since;
  private Instant lastLogged;
  private long unchanged;

  /** @param quietInterval 0 logs every round */
  public QuietVerdicts(Duration quietInterval) {
    Objects.requireNonNull(quietInterval, "quietInterval");
    if (quietInterval.isNegative()) {
      throw new IllegalArgumentException("quietInterval must be >= 0, was " + quietInterval);
    }
    this.quietInterval = quietInterval;
  }

  /** The line to log for this round, if any. */
  public Optional<String> offer(RoundResult round) {
    if (quietInterval.isZero()) {
      return Optional.of(round.verdict());
    }
    Instant now = round.at();
    if (!round.shape().equals(shape)) {
      shape = round.shape();
      since = now;
      lastLogged = now;
      unchanged = 0;
      return Optional.of(round.verdict());
    }
    unchanged++;
    if (Duration.between(lastLogged, now).compareTo(quietInterval) < 0) {
      return Optional.empty();
    }
    lastLogged = now;
    // Same words as the line it repeats, so a grep for the phase finds both.
    return Optional.of(round.verdict() + " (unchanged for " + Texts.duration(Duration.between(since, now))
        + ", " + unchanged + " rounds)");
  }
}
