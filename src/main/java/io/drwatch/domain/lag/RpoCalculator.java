package io.drwatch.domain.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * RPO from canary heartbeats (pt-heartbeat style). Both timestamps come from the primary's clock,
 * so skew between hosts never enters the estimate; the observer's clock only enters the age.
 */
public final class RpoCalculator {
  private RpoCalculator() {}

  /**
   * Writer time of the newest committed heartbeat minus that of the newest visible one, clamped
   * at zero. If the replica already shows the committed sequence it has lost nothing.
   */
  public static Duration rpo(Heartbeat committed, Heartbeat visible) {
    if (visible.seq() >= committed.seq()) {
      return Duration.ZERO;
    }
    return nonNegative(Duration.between(visible.writerTs(), committed.writerTs()));
  }

  /**
   * The upper bound of the loss window at the replica read: a primary instant no earlier than the
   * read, minus the newest primary commit the replica is known to hold. That commit is the visible
   * heartbeat or the replayed transaction, whichever is newer: any replayed commit proves that
   * everything committed before it is applied. The heartbeat {@code committed} was written after
   * the read, so its writer time is such an instant, and so is the read's own {@link
   * ReadTiming#by}; the smaller result is the tighter bound.
   */
  public static Duration upper(Heartbeat committed, Heartbeat visible, Optional<ReadTiming> read) {
    Duration byHeartbeat = rpo(committed, visible);
    if (read.isEmpty() || byHeartbeat.isZero()) {
      return byHeartbeat;
    }
    Instant held = read.get().replayedAt().filter(r -> r.isAfter(visible.writerTs()))
        .orElse(visible.writerTs());
    // A replay timestamp after the read (the primary's clock stepped back) proves nothing: clamp.
    Duration byRead = nonNegative(Duration.between(held, read.get().by()));
    return byRead.compareTo(byHeartbeat) < 0 ? byRead : byHeartbeat;
  }

  /**
   * The lower bound: a heartbeat committed before the read but not visible in it was lost, so the
   * window reaches at least back to its writer time. {@code readFrom} is a primary instant no
   * later than the read; the bound is clamped to {@code [0, upper]}.
   */
  public static Duration lower(Optional<Heartbeat> firstUnseen, Instant readFrom, Duration upper) {
    Duration d = firstUnseen.map(u -> nonNegative(Duration.between(u.writerTs(), readFrom)))
        .orElse(Duration.ZERO);
    return d.compareTo(upper) > 0 ? upper : d;
  }

  /** How old the replica's newest data is, by the observer's clock; never negative. */
  public static Duration age(Heartbeat visible, Instant now) {
    return nonNegative(Duration.between(visible.writerTs(), now));
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
