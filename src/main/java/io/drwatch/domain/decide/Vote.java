package io.drwatch.domain.decide;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.time.Instant;

/**
 * One piece of evidence that the primary is down. A vote only counts while it is fresh: evidence
 * we stopped hearing about is not evidence, so a lost "closed" event or a silent peer cannot hold
 * an outage open forever.
 *
 * @param family the signal family the vote belongs to
 * @param subject what the vote is about: a target, a channel, an AWS service or an alarm
 * @param voter who cast it: observers, a replica, an AWS Health event ARN, an alarm name
 * @param castAt when the evidence was last confirmed, on this observer's wall clock
 * @param freshFor how long after {@code castAt} the vote still counts (inclusive)
 * @param detail a short human-readable explanation for verdict lines and the status API
 */
public record Vote(
    SignalFamily family,
    String subject,
    String voter,
    Instant castAt,
    Duration freshFor,
    String detail) {
  public Vote {
    Require.nonNull("family", family, "subject", subject, "voter", voter, "castAt", castAt, "detail", detail);
    if (freshFor.isNegative()) {
      throw new IllegalArgumentException("freshFor must be >= 0, was " + freshFor);
    }
  }

  /**
   * True while the vote's age is at most {@code freshFor}. A vote from the future (castAt after
   * now, which only a caller mixing clocks can produce) counts as fresh rather than vanishing.
   */
  public boolean isFresh(Instant now) {
    return !now.isAfter(castAt.plus(freshFor));
  }
}
