package io.drwatch.domain.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A lag figure the provider reports (CloudWatch {@code ReplicaLag}, EFS {@code
 * LastReplicatedTimestamp}, an OpenSearch checkpoint gap, ...), with the time it describes. A
 * datapoint says nothing about what happened after it, so the usable figure is the {@link
 * #effective} lag: the reported one, or the datapoint's age if that is larger.
 *
 * @param source what reported it, e.g. {@code "AWS/RDS ReplicaLag"}, for the status page
 * @param reported the lag as reported, never negative
 * @param at the datapoint's own timestamp (the provider's clock)
 */
public record ProviderLag(String source, Duration reported, Instant at) {
  public ProviderLag {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(at, "at");
    if (reported.isNegative()) {
      throw new IllegalArgumentException("reported lag must be >= 0, was " + reported);
    }
  }

  /** {@code max(reported, now - at)}: an old datapoint cannot vouch for the time since. */
  public Duration effective(Instant now) {
    Duration age = Duration.between(at, now);
    return age.compareTo(reported) > 0 ? age : reported;
  }

  /**
   * The heartbeat this figure implies the replica has: writer time {@code now - effective}. Kinds
   * without a canary report it as the visible heartbeat and {@link #committedAt} as the committed
   * one, so RPO, age and stall detection work unchanged; the sequence is the writer time in
   * milliseconds, so it advances exactly when the implied position does.
   */
  public Heartbeat impliedVisible(Instant now) {
    Instant ts = now.minus(effective(now));
    return new Heartbeat(ts.toEpochMilli(), ts);
  }

  /** The primary's position for kinds without a canary: everything up to {@code now}. */
  public static Heartbeat committedAt(Instant now) {
    return new Heartbeat(now.toEpochMilli(), now);
  }

  /**
   * True if a canary estimate contradicts this figure, i.e. the provider understates the loss.
   * At {@code at} the replica held data up to {@code at - reported}; a replica never goes back, so
   * a truthful provider implies {@code canaryRpo <= (now - at) + reported}. The canary may
   * overstate by {@code canaryResolution}, so only a larger excess is a contradiction.
   */
  public boolean contradictedBy(Duration canaryRpo, Duration canaryResolution, Instant now) {
    Duration bound = Duration.between(at, now).plus(reported).plus(canaryResolution);
    return canaryRpo.compareTo(bound) > 0;
  }
}
