package io.drwatch.domain.channel;

import io.drwatch.domain.Texts;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Maps one probe round plus the tracked history to a named condition and its reason. The order
 * of the checks is the precedence: an unreachable primary outranks a replica that lost it (the
 * replica losing an unreachable primary is expected, and the primary is what an operator must
 * look at), and a native "replication stopped" outranks heartbeat arithmetic.
 */
public final class ConditionClassifier {
  private ConditionClassifier() {}

  /** History the tracker keeps between rounds. */
  public record History(
      Optional<Heartbeat> committed,
      Optional<Heartbeat> visible,
      Instant visibleSince,
      Optional<Duration> rpo) {}

  public record Verdict(ChannelCondition condition, String reason) {}

  public static Verdict classify(ChannelSpec spec, LagSample sample, History h) {
    Optional<String> primaryFailure = sample.primary().failure();
    if (primaryFailure.isPresent()) {
      String held = h.rpo().map(r -> "; rpo holds at " + Texts.duration(r)).orElse("");
      return new Verdict(
          ChannelCondition.SOURCE_UNREACHABLE,
          "primary unreachable: " + primaryFailure.get() + held);
    }
    Optional<String> replicaFailure = sample.replica().failure();
    if (replicaFailure.isPresent()) {
      return new Verdict(
          ChannelCondition.REPLICA_UNREACHABLE, "replica unreachable: " + replicaFailure.get());
    }
    ReplicaView view = sample.replica().success().orElseThrow();
    if (view.link() == LinkState.DOWN) {
      return new Verdict(
          ChannelCondition.BROKEN, "replica reports replication stopped: " + view.linkDetail());
    }
    if (view.drift().isPresent()) {
      return new Verdict(ChannelCondition.LAGGING, "standby drifted from primary: " + view.drift().get());
    }
    if (view.telemetryMissing()) {
      return new Verdict(ChannelCondition.UNKNOWN, "provider telemetry missing: " + view.linkDetail());
    }
    if (h.committed().isEmpty() || h.visible().isEmpty() || h.rpo().isEmpty()) {
      return new Verdict(ChannelCondition.UNKNOWN, "no heartbeat visible on the replica yet");
    }
    Heartbeat committed = h.committed().get();
    Heartbeat visible = h.visible().get();
    Duration frozen = Duration.between(h.visibleSince(), sample.observedAt());
    if (committed.seq() > visible.seq() && frozen.compareTo(spec.stallAfter()) >= 0) {
      return new Verdict(
          ChannelCondition.STALLED,
          "replica seq %d unchanged for %s while primary advanced to %d"
              .formatted(visible.seq(), Texts.duration(frozen), committed.seq()));
    }
    Duration rpo = h.rpo().get();
    if (rpo.compareTo(spec.rpoObjective()) > 0) {
      return new Verdict(
          ChannelCondition.LAGGING,
          "rpo %s > objective %s (resolution %s)"
              .formatted(
                  Texts.duration(rpo),
                  Texts.duration(spec.rpoObjective()),
                  Texts.duration(spec.interval())));
    }
    return new Verdict(
        ChannelCondition.HEALTHY,
        "rpo %s <= objective %s".formatted(
            Texts.duration(rpo), Texts.duration(spec.rpoObjective())));
  }
}
