package io.drwatch.app.probe;

import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.Optional;

/**
 * A managed channel as the probe loop sees it: the provider's telemetry, plus a canary when the
 * channel has one.
 *
 * <ul>
 *   <li>With a canary, the canary's heartbeats give the RPO (they are the stronger signal) and
 *       the provider's figure rides along, so the tracker can catch a provider that understates.
 *       Either side saying "replication stopped" makes the link down.
 *   <li>Without one, the provider's figure is turned into the heartbeats it implies (see {@link
 *       ProviderLag#impliedVisible}), so RPO, age and stall detection work as for a canary.
 * </ul>
 */
public final class ManagedChannelProbe implements ChannelProbe {
  private final ProviderTelemetry telemetry;
  private final Optional<ChannelProbe> canary;
  private final Clock clock;

  public ManagedChannelProbe(ProviderTelemetry telemetry, Optional<ChannelProbe> canary, Clock clock) {
    this.telemetry = telemetry;
    this.canary = canary;
    this.clock = clock;
  }

  @Override
  public Future<Heartbeat> writeHeartbeat() {
    return canary.map(ChannelProbe::writeHeartbeat)
        .orElseGet(() -> Future.succeededFuture(ProviderLag.committedAt(clock.instant())));
  }

  @Override
  public Future<ReplicaView> readReplica() {
    if (canary.isEmpty()) {
      return telemetry.read().map(this::implied);
    }
    // Telemetry failing must not hide the canary's answer: it only loses the cross-check.
    Future<Optional<ReplicaView>> provider = telemetry.read().map(Optional::of)
        .otherwise(err -> Optional.empty());
    return canary.get().readReplica().compose(view -> provider.map(p -> p.map(v -> merge(view, v)).orElse(view)));
  }

  private ReplicaView implied(ReplicaView view) {
    if (view.telemetryMissing() || view.reported().isEmpty()) {
      return view;
    }
    Heartbeat visible = view.reported().get().impliedVisible(clock.instant());
    return new ReplicaView(Optional.of(visible), view.link(), view.linkDetail(), view.reported(), false,
        view.drift(), view.warmUp());
  }

  private static ReplicaView merge(ReplicaView canary, ReplicaView provider) {
    // A canary that has no opinion of the link (an OpenSearch document says nothing about it)
    // defers to the provider, whose detail (e.g. a checkpoint gap) then reaches the status page.
    boolean useProvider = provider.link() == LinkState.DOWN || canary.link() == LinkState.UNKNOWN;
    LinkState link = useProvider ? provider.link() : canary.link();
    String detail = useProvider ? provider.linkDetail() : canary.linkDetail();
    return new ReplicaView(canary.visible(), link, detail, provider.reported(), false,
        provider.drift().or(canary::drift), provider.warmUp().or(canary::warmUp), canary.timing());
  }

  @Override
  public Future<Void> close() {
    Future<Void> closing = canary.map(ChannelProbe::close).orElse(Future.succeededFuture());
    return Future.join(closing, telemetry.close()).mapEmpty();
  }
}
