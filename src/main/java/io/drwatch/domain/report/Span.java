package io.drwatch.domain.report;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.Optional;

/**
 * The time one channel spent in one condition within one bucket, and its RPO over that time. A raw
 * sample is a span of one second; a rolled-up span sums them, so every figure of the report is a
 * sum, a max or a histogram merge over spans of any tier.
 *
 * @param start bucket start, epoch seconds
 * @param condition the condition's name, so later names need no change here
 * @param seconds observed seconds in this condition
 * @param within of those, seconds HEALTHY with an RPO at or under the objective then in force
 * @param rpoSeconds of those, seconds with a known RPO
 * @param rpoMaxMs the worst known RPO in ms; -1 when none was known
 * @param rpoMaxAt when the worst RPO was seen, epoch seconds (the first time, on a tie)
 * @param rpo the known RPO values' histogram ({@code rpoSeconds} counts)
 * @param objectiveMs the channel's RPO objective in ms, the last one in force in the bucket
 */
public record Span(String channel, long start, String condition, long seconds, long within,
    long rpoSeconds, long rpoMaxMs, long rpoMaxAt, RpoHistogram rpo, long objectiveMs) {

  public static final String HEALTHY = "HEALTHY";

  public Span {
    Require.nonNull("channel", channel, "condition", condition, "rpo", rpo);
    if (seconds < 1 || within < 0 || within > seconds || rpoSeconds < 0 || rpoSeconds > seconds) {
      throw new IllegalArgumentException("span of " + channel + " at " + start + ": seconds "
          + seconds + ", within " + within + ", rpoSeconds " + rpoSeconds + " do not fit");
    }
  }

  /**
   * One second of one channel as the daemon saw it. Within the objective only when HEALTHY: an RPO
   * held over from before the source became unreachable, or frozen while stalled, proves nothing.
   */
  public static Span sample(String channel, long second, String condition, Optional<Duration> rpo,
      Duration objective) {
    long objectiveMs = objective.toMillis();
    long ms = rpo.map(Duration::toMillis).map(v -> Math.max(0, v)).orElse(-1L);
    boolean within = HEALTHY.equals(condition) && ms >= 0 && ms <= objectiveMs;
    return new Span(channel, second, condition, 1, within ? 1 : 0, ms >= 0 ? 1 : 0, ms, second,
        ms >= 0 ? RpoHistogram.of(ms) : RpoHistogram.empty(), objectiveMs);
  }

  public Optional<Duration> worst() {
    return rpoMaxMs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(rpoMaxMs));
  }

  /** Exclusive end of the time this span can stand for, in epoch seconds. */
  public long end(Tier tier) {
    return start + tier.width();
  }
}
