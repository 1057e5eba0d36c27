package io.drwatch.port;

import io.drwatch.domain.lag.ReplicaView;
import io.vertx.core.Future;

/**
 * A managed service's own view of a replication channel: its replication state and its lag
 * figure (CloudWatch, DescribeReplicationConfigurations, a follower's checkpoints, ...). The view
 * carries a {@link io.drwatch.domain.lag.ProviderLag} when the provider had a figure, is {@link
 * ReplicaView#telemetryMissing} when it had none, and has link {@code DOWN} when the provider says
 * replication stopped. It has no visible heartbeat: that is the canary's, if the channel has one.
 */
public interface ProviderTelemetry {

  /** One read; the probe loop bounds it by the channel's timeout. */
  Future<ReplicaView> read();

  /** Releases clients and registrations. */
  Future<Void> close();
}
