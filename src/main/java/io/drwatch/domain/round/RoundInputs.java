package io.drwatch.domain.round;

import io.drwatch.domain.Require;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.ObserverReport;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything one detection round reads, as snapshots: no clock, no I/O.
 *
 * @param line now on the detection time line (monotonic): votes, reports and hold timers
 * @param wall the wall clock read together with {@code line}; channel statuses are stamped on it
 * @param observer this observer's name
 * @param observers N = 1 + configured peers, whoever answers
 * @param targets this observer's report per target, with the statuses of the target's channels
 * @param peers every peer report held, fresh or not
 * @param channels every channel's status: the composite RPO and the freshness rule read them all
 * @param health the {@code aws-health} family at {@code line}
 * @param alarms the {@code cloudwatch-alarm} family at {@code line}
 * @param tilt this tick's TILT status
 * @param blockers what would stop a declared outage from becoming a run (from the pipeline)
 * @param settings the policy and the freshness rule
 */
public record RoundInputs(
    Instant line,
    Instant wall,
    String observer,
    int observers,
    List<Target> targets,
    List<ObserverReport> peers,
    List<ChannelStatus> channels,
    FamilySignal health,
    FamilySignal alarms,
    TiltStatus tilt,
    List<String> blockers,
    DetectionSettings settings) {

  /** One target: this observer's report on it and the channels whose primary it is. */
  public record Target(ObserverReport own, List<ChannelStatus> channels) {
    public Target {
      Objects.requireNonNull(own, "own");
      channels = List.copyOf(channels);
    }

    public String name() {
      return own.target();
    }
  }

  public RoundInputs {
    Require.nonNull("line", line, "wall", wall, "observer", observer, "tilt", tilt, "settings", settings);
    targets = List.copyOf(targets);
    peers = List.copyOf(peers);
    channels = List.copyOf(channels);
    health = health == null ? FamilySignal.none(SignalFamily.AWS_HEALTH) : health;
    alarms = alarms == null ? FamilySignal.none(SignalFamily.CLOUDWATCH_ALARM) : alarms;
    blockers = List.copyOf(blockers);
    if (observers < 1) {
      throw new IllegalArgumentException("observers must be >= 1, was " + observers);
    }
  }
}
