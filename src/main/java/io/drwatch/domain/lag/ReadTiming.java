package io.drwatch.domain.lag;

import io.drwatch.domain.Require;
import java.time.Instant;
import java.util.Optional;

/**
 * When a replica read happened, in the <em>primary's</em> clock, and the primary commit time of
 * the newest transaction the replica had replayed by then. Everything here is in one clock
 * domain (the primary's), so the bounds built from it need no assumption about the observer's or
 * the replica's clock; see {@link PrimaryClock}.
 *
 * @param from no later than the read's snapshot
 * @param by no earlier than the read's snapshot
 * @param replayedAt the commit time of the newest replayed transaction (PostgreSQL's {@code
 *     pg_last_xact_replay_timestamp()}), when the kind has one
 */
public record ReadTiming(Instant from, Instant by, Optional<Instant> replayedAt) {
  public ReadTiming {
    Require.nonNull("from", from, "by", by, "replayedAt", replayedAt);
    if (by.isBefore(from)) {
      throw new IllegalArgumentException("read window ends before it starts: " + from + " > " + by);
    }
  }
}
