package io.drwatch.config;

import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.round.DetectionSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * When the signals add up to a declared outage (ODOWN).
 *
 * @param require the signal families that may vote, by config name: {@code probes}, {@code
 *     replication}, {@code aws-health}, {@code cloudwatch-alarm}; not empty, no duplicates; default
 *     {@code [probes, replication]}
 * @param minSignals how many of {@code require} must vote at once, 1..size of {@code require};
 *     default 2, or 1 when {@code require} has one entry
 * @param holdFor how long the votes must hold before the outage is declared, default 5s, at least 0
 * @param clearAfter how long the votes must stay below {@code minSignals} before a declared outage
 *     clears, default {@code holdFor}, at least 0
 */
public record QuorumConfig(
    List<String> require, int minSignals, Duration holdFor, Duration clearAfter) {

  /** Every signal family a quorum may require, by config name. */
  public static final List<String> SIGNALS =
      List.of("probes", "replication", "aws-health", "cloudwatch-alarm");

  public QuorumConfig {
    require = List.copyOf(require);
    Objects.requireNonNull(holdFor, "holdFor");
    Objects.requireNonNull(clearAfter, "clearAfter");
  }

  /** {@link DetectionSettings#defaults()}: {@code [probes, replication]}, both needed, 5s. */
  public static QuorumConfig defaults() {
    return of(DetectionSettings.defaults().policy());
  }

  /** The policy in config terms: what {@code quorum} reads as when a profile supplies it. */
  public static QuorumConfig of(QuorumPolicy p) {
    return new QuorumConfig(p.require().stream().map(SignalFamily::configName).toList(),
        p.minSignals(), p.holdFor(), p.clearAfter());
  }
}
