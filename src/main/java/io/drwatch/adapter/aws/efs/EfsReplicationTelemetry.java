package io.drwatch.adapter.aws.efs;

import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import software.amazon.awssdk.services.efs.EfsAsyncClient;
import software.amazon.awssdk.services.efs.model.ReplicationNotFoundException;

/**
 * Channel kind {@code efs}: one DescribeReplicationConfigurations per round, in the source's region
 * (see {@link EfsReplicationViews} for how statuses map). No canary: a heartbeat file needs mounts
 * in both regions, which the daemon does not have.
 */
public record EfsReplicationTelemetry(Vertx vertx, EfsAsyncClient efs, String fileSystemId) implements ProviderTelemetry {
  /** One retry inside a round for throttling; the next round is the real retry. */
  private static final int ATTEMPTS = 2;

  /** Builds the client; call from the starting thread, not an event loop. */
  public static EfsReplicationTelemetry create(Vertx vertx, AwsClients aws, ChannelConfig channel) {
    AwsEndpoint endpoint = new AwsEndpoint(channel.param("region"),
        channel.optionalParam("endpointOverride").map(URI::create), channel.optionalParam("assumeRole"));
    EfsAsyncClient efs = aws.configure(EfsAsyncClient.builder(), endpoint).build();
    return new EfsReplicationTelemetry(vertx, efs, channel.param("fileSystem"));
  }

  @Override
  public Future<ReplicaView> read() {
    // ReplicationNotFound is an answer (nothing replicates), not a failed call: empty, never retried.
    return AwsFutures.retried(Retry.of("efs DescribeReplicationConfigurations " + fileSystemId).attempts(ATTEMPTS),
        vertx.getOrCreateContext(), () -> AwsFutures.absentIf(ReplicationNotFoundException.class,
            efs.describeReplicationConfigurations(r -> r.fileSystemId(fileSystemId))))
        .map(found -> found.map(r -> EfsReplicationViews.of(fileSystemId, r.replications()))
            .orElseGet(() -> EfsReplicationViews.notReplicated(fileSystemId)));
  }

  @Override
  public Future<Void> close() {
    efs.close();
    return Future.succeededFuture();
  }
}
