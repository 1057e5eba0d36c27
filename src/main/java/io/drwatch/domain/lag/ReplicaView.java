package io.drwatch.domain.lag;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.Optional;

/**
 * What one read of the replica showed: the newest visible heartbeat (absent before the first one
 * has replicated), the replica's own opinion of its upstream link, and for managed services the
 * provider's lag figure.
 *
 * @param reported the provider's lag figure, when the kind reads one
 * @param telemetryMissing the provider returned no datapoint: the round knows nothing about the
 *     lag, which is {@code UNKNOWN}, never 0
 * @param drift the standby no longer matches the primary (a Kubernetes deployment's image, a
 *     missing ConfigMap): the channel is {@code LAGGING} with this reason whatever its RPO
 * @param warmUp how long the standby needs before it can serve, e.g. to scale from 0 replicas;
 *     the RTO projection adds it to the step bound to this channel
 * @param timing when the read happened in the primary's clock, and what the replica had
 *     replayed by then, for kinds that can tell (PostgreSQL): it tightens the RPO bracket
 */
public record ReplicaView(Optional<Heartbeat> visible, LinkState link, String linkDetail,
    Optional<ProviderLag> reported, boolean telemetryMissing, Optional<String> drift,
    Optional<Duration> warmUp, Optional<ReadTiming> timing) {
  public ReplicaView {
    Require.nonNull("visible", visible, "link", link, "reported", reported, "drift", drift, "warmUp", warmUp,
        "timing", timing);
    linkDetail = linkDetail == null ? "" : linkDetail;
  }

  /** A view without read timing (every kind but the PostgreSQL family). */
  public ReplicaView(Optional<Heartbeat> visible, LinkState link, String linkDetail,
      Optional<ProviderLag> reported, boolean telemetryMissing, Optional<String> drift,
      Optional<Duration> warmUp) {
    this(visible, link, linkDetail, reported, telemetryMissing, drift, warmUp, Optional.empty());
  }

  public ReplicaView(Optional<Heartbeat> visible, LinkState link, String linkDetail) {
    this(visible, link, linkDetail, Optional.empty(), false, Optional.empty(), Optional.empty(),
        Optional.empty());
  }

  public static ReplicaView of(Heartbeat visible, LinkState link, String detail) {
    return new ReplicaView(Optional.ofNullable(visible), link, detail);
  }

  /** The same view with the provider's figure attached (kinds that have a canary and a metric). */
  public ReplicaView withReported(ProviderLag lag) {
    return new ReplicaView(visible, link, linkDetail, Optional.of(lag), telemetryMissing, drift, warmUp, timing);
  }

  /** The same view, drifted for {@code reason}. */
  public ReplicaView withDrift(String reason) {
    return new ReplicaView(visible, link, linkDetail, reported, telemetryMissing, Optional.of(reason), warmUp,
        timing);
  }

  /** The same view with the standby's warm-up estimate. */
  public ReplicaView withWarmUp(Duration estimate) {
    return new ReplicaView(visible, link, linkDetail, reported, telemetryMissing, drift, Optional.of(estimate),
        timing);
  }

  /** The same view with the read's timing in the primary's clock. */
  public ReplicaView withTiming(ReadTiming read) {
    return new ReplicaView(visible, link, linkDetail, reported, telemetryMissing, drift, warmUp, Optional.of(read));
  }

  /** A round in which the provider had no datapoint; {@code why} names the metric and window. */
  public static ReplicaView telemetryMissing(LinkState link, String why) {
    return new ReplicaView(Optional.empty(), link, why, Optional.empty(), true, Optional.empty(), Optional.empty());
  }
}
