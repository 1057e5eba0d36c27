package io.drwatch.domain.channel;

import io.drwatch.domain.Texts;
import io.drwatch.domain.channel.ConditionClassifier.History;
import io.drwatch.domain.channel.ConditionClassifier.Verdict;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.PendingHeartbeats;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReadTiming;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.domain.lag.RpoCalculator;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of one channel. Single owner: call it from one thread (the channel's probe
 * loop). Each accepted sample yields a new immutable {@link ChannelStatus} and, when the
 * condition changed, the event that explains it.
 */
public final class ChannelTracker {
  // Enough for a minute of lag at 200 ms; beyond that the lower bound only loosens.
  private static final int PENDING = 300;
  private final ChannelSpec spec;
  private final PendingHeartbeats pending = new PendingHeartbeats(PENDING);
  private Heartbeat committed;
  private Heartbeat visible;
  private Instant visibleSince;
  private Duration rpo;
  private Duration rpoLower;
  private Instant lastSuccess;
  private String lastError;
  private ChannelStatus status;

  public record Transition(ChannelStatus status, Optional<ConditionChanged> change) {}

  public ChannelTracker(ChannelSpec spec, Instant now) {
    this.spec = Objects.requireNonNull(spec, "spec");
    this.status = ChannelStatus.initial(spec, now);
  }

  public ChannelStatus status() {
    return status;
  }

  public Transition accept(LagSample sample) {
    Instant now = sample.observedAt();
    Optional<ReplicaView> view = sample.replica().success();
    view.flatMap(ReplicaView::visible).ifPresent(seen -> noteVisible(seen, now));
    // Compare with this round's heartbeat, written after the replica read (see LagSample), so
    // the estimate never understates. While the primary is unreachable it holds: that is the
    // exposure if we failed over now.
    sample.primary().success().ifPresent(hb -> committed = hb);
    boolean missing = view.map(ReplicaView::telemetryMissing).orElse(false);
    if (missing) {
      rpo = null; // no datapoint: unknown, never the last value nor 0
      rpoLower = null;
    } else if (sample.primary().isOk() && visible != null) {
      bracket(sample, view);
    }
    sample.primary().success().ifPresent(pending::committed);
    Optional<ProviderLag> reported = view.flatMap(ReplicaView::reported);
    boolean contradicted = rpo != null && reported.isPresent()
        && reported.get().contradictedBy(rpo, spec.interval(), now);
    if (sample.succeeded()) {
      lastSuccess = now;
      lastError = null;
    } else {
      lastError = sample.primary().failure().or(() -> sample.replica().failure()).orElse(null);
    }
    Verdict verdict = ConditionClassifier.classify(spec, sample, history());
    if (contradicted) {
      verdict = new Verdict(verdict.condition(), verdict.reason() + "; " + lying(reported.get(), now));
    }
    ChannelStatus previous = status;
    status = new ChannelStatus(
        spec,
        verdict.condition(),
        Optional.ofNullable(rpo),
        spec.interval(),
        Optional.ofNullable(visible).map(v -> RpoCalculator.age(v, now)),
        view.map(ReplicaView::link).orElse(LinkState.UNKNOWN),
        committed == null ? -1 : committed.seq(),
        visible == null ? -1 : visible.seq(),
        Optional.ofNullable(lastSuccess),
        Optional.ofNullable(lastError),
        verdict.reason(),
        now,
        sample.took(),
        sample.succeeded(),
        previous.rounds() + 1,
        reported,
        contradicted,
        view.flatMap(ReplicaView::warmUp),
        Optional.ofNullable(rpoLower));
    Optional<ConditionChanged> change = previous.condition() == verdict.condition()
        ? Optional.empty()
        : Optional.of(new ConditionChanged(
            spec.name(), previous.condition(), verdict.condition(), verdict.reason(), now));
    return new Transition(status, change);
  }

  /**
   * Both bounds at the replica read (see docs/rpo-model.md). Without the read's own timing, the
   * primary's clock at the read is at least this round's writer time minus the round's duration.
   * A failed replica read leaves only a stale view: its lower bound would no longer be one.
   */
  private void bracket(LagSample sample, Optional<ReplicaView> view) {
    Optional<ReadTiming> timing = view.flatMap(ReplicaView::timing);
    rpo = RpoCalculator.upper(committed, visible, timing);
    if (view.isEmpty()) {
      rpoLower = null;
      return;
    }
    Instant readFrom = timing.map(ReadTiming::from)
        .orElseGet(() -> committed.writerTs().minus(sample.took()));
    rpoLower = RpoCalculator.lower(pending.firstAfter(visible.seq()), readFrom, rpo);
  }

  private String lying(ProviderLag lag, Instant now) {
    return "lying telemetry: %s reports %s at %s, the canary shows rpo %s".formatted(
        lag.source(), Texts.duration(lag.reported()), lag.at(), Texts.duration(rpo));
  }

  private void noteVisible(Heartbeat seen, Instant now) {
    if (visible == null || seen.seq() != visible.seq()) {
      visibleSince = now;
    }
    visible = seen;
  }

  private History history() {
    return new History(
        Optional.ofNullable(committed),
        Optional.ofNullable(visible),
        visibleSince == null ? Instant.EPOCH : visibleSince,
        Optional.ofNullable(rpo));
  }
}
