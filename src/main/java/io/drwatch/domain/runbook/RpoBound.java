package io.drwatch.domain.runbook;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.Optional;

/**
 * The loss a promotion would cause, as the RPO gate must count it. While the primary is reachable
 * the canary RPO is exact to one interval. Once it is not, the last RPO is only a floor: a primary
 * that is still taking writes (a partition, a hung probe path) keeps adding loss we cannot see,
 * bounded above by the replica's age. The held value is trusted only when the primary cannot be
 * taking writes: a fence step of this run was verified, or every probe was refused outright (the
 * process is gone) rather than timing out.
 *
 * @param loss the figure the gate compares with maxDataLoss; empty when unknown
 * @param why which bound was used and why, for the gate line
 */
public record RpoBound(Optional<Duration> loss, String why) {

  /**
   * @param held the channel's RPO (held at its last value while the source is unreachable)
   * @param replicaAge now minus the newest heartbeat the replica shows
   * @param sourceUnreachable the channel cannot reach its primary
   * @param fenced a fence step of this run is finished or skipped (target state verified)
   * @param refused every probe of the primary was refused, none timed out
   */
  public static RpoBound of(Optional<Duration> held, Optional<Duration> replicaAge,
      boolean sourceUnreachable, boolean fenced, boolean refused) {
    if (!sourceUnreachable) {
      return new RpoBound(held, "canary RPO (primary reachable)");
    }
    if (fenced || refused) {
      String because = fenced ? "the fence step is verified" : "every probe is refused";
      return new RpoBound(held, "held RPO: the primary cannot be taking writes (" + because + ")");
    }
    if (held.isEmpty() || replicaAge.isEmpty()) {
      return new RpoBound(Optional.empty(),
          "unknown: the primary is unreachable but may still take writes, and the replica's age is unknown");
    }
    Duration bound = held.get().compareTo(replicaAge.get()) >= 0 ? held.get() : replicaAge.get();
    return new RpoBound(Optional.of(bound), "max(held RPO " + Texts.duration(held.get())
        + ", replica age " + Texts.duration(replicaAge.get())
        + "): the primary is unreachable, not refused, and may still take writes");
  }
}
