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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import software.amazon.awssdk.services.efs.EfsAsyncClient;
import software.amazon.awssdk.services.efs.model.DescribeReplicationConfigurationsResponse;
import software.amazon.awssdk.services.efs.model.ReplicationNotFoundException;

/**
 * Channel kind {@code efs}: one DescribeReplicationConfigurations per round, in the source's region
 * (see {@link EfsReplicationViews} for how statuses map). No canary: a heartbeat file needs mounts
 * in both regions, which the daemon does not have.
 */
public final class EfsReplicationTelemetry implements ProviderTelemetry {
  /** One retry inside a round for throttling; the next round is the real retry. */
  private static final int ATTEMPTS = 2;

  private final Vertx vertx;
  private final EfsAsyncClient efs;
  private final String fileSystemId;
  private final Retry call;

  EfsReplicationTelemetry(Vertx vertx, EfsAsyncClient efs, String fileSystemId) {
    this.vertx = vertx;
    this.efs = efs;
    this.fileSystemId = fileSystemId;
    this.call = Retry.of("efs DescribeReplicationConfigurations " + fileSystemId).attempts(ATTEMPTS);
  }

  /** Builds the client; call from the starting thread, not an event loop. */
  public static EfsReplicationTelemetry create(Vertx vertx, AwsClients aws, ChannelConfig channel) {
    AwsEndpoint endpoint = new AwsEndpoint(channel.param("region"),
        channel.optionalParam("endpointOverride").map(URI::create), channel.optionalParam("assumeRole"));
    EfsAsyncClient efs = aws.configure(EfsAsyncClient.builder(), endpoint).build();
    return new EfsReplicationTelemetry(vertx, efs, channel.param("fileSystem"));
  }

  @Override
  public Future<ReplicaView> read() {
    return AwsFutures.retried(call, vertx.getOrCreateContext(), this::describe)
        .map(found -> found.map(r -> EfsReplicationViews.of(fileSystemId, r.replications()))
            .orElseGet(() -> EfsReplicationViews.notReplicated(fileSystemId)));
  }

  // ReplicationNotFound is an answer (nothing replicates), not a failed call: empty, never retried.
  private CompletableFuture<Optional<DescribeReplicationConfigurationsResponse>> describe() {
    return efs.describeReplicationConfigurations(r -> r.fileSystemId(fileSystemId))
        .handle((response, err) -> {
          if (err == null) {
            return Optional.of(response);
          }
          if (AwsFutures.unwrap(err) instanceof ReplicationNotFoundException) {
            return Optional.empty();
          }
          throw new CompletionException(AwsFutures.unwrap(err));
        });
  }

  @Override
  public Future<Void> close() {
    efs.close();
    return Future.succeededFuture();
  }
}
