package io.drwatch.domain.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The primary's clock as the observer can know it without trusting its own wall clock: one
 * heartbeat write the primary stamped with {@code writerTs}, bracketed by the observer's monotonic
 * time when the write was sent and when its answer came back. Any later observer instant maps to
 * a window of primary time as wide as that round trip. The only assumption is that both clocks
 * run at the same rate between the write and the read (well under a second apart; clock drift is
 * parts per million), so a skewed observer or NTP step on it cannot shift the RPO bounds.
 *
 * @param writerTs the primary's timestamp of the write
 * @param sentNanos observer monotonic time when the write was sent
 * @param receivedNanos observer monotonic time when the primary's answer arrived
 */
public record PrimaryClock(Instant writerTs, long sentNanos, long receivedNanos) {

  /** Primary time no later than the observer instant {@code nanos}. */
  public Instant earliest(long nanos) {
    return writerTs.plus(Duration.ofNanos(nanos - receivedNanos));
  }

  /** Primary time no earlier than the observer instant {@code nanos}. */
  public Instant latest(long nanos) {
    return writerTs.plus(Duration.ofNanos(nanos - sentNanos));
  }

  /**
   * Both writes' knowledge at once: each bounds the offset between the two clocks, and with the
   * same rate the intersection is as tight as the best round trip of the two (as NTP picks its best
   * sample). Clocks that disagree (the primary's stepped between the writes) leave this one alone.
   */
  public PrimaryClock narrowedBy(PrimaryClock other) {
    long shift = Duration.between(other.writerTs, writerTs).toNanos();
    long sent = Math.max(sentNanos, other.sentNanos + shift);
    long received = Math.min(receivedNanos, other.receivedNanos + shift);
    return sent <= received ? new PrimaryClock(writerTs, sent, received) : this;
  }

  /** The primary-time window of a read sent at {@code startNanos} and answered at {@code endNanos}. */
  public ReadTiming read(long startNanos, long endNanos, Optional<Instant> replayedAt) {
    return new ReadTiming(earliest(startNanos), latest(endNanos), replayedAt);
  }
}
