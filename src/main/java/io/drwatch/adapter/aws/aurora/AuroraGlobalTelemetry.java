package io.drwatch.adapter.aws.aurora;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.GlobalTelemetry;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.FollowedMetrics;
import io.drwatch.domain.lag.ReplicaView;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersResponse;
import software.amazon.awssdk.services.rds.model.GlobalCluster;

/**
 * An Aurora global database as RDS reports it: {@code DescribeGlobalClusters} (members, which one
 * writes, SynchronizationStatus, FailoverState) and the lag metric (ms) that {@link AuroraLagMetrics}
 * finds for each secondary, which only secondaries publish, in their own region. When the writer
 * moves the metric moves with it, so the queries are re-registered for the new secondaries (they read as missing until the next poll).
 * With several secondaries the largest lag is the figure: any of them may be the failover target.
 */
public final class AuroraGlobalTelemetry extends GlobalTelemetry<GlobalCluster, AuroraGlobalMembers> {
  static final String SOURCE = "AWS/RDS AuroraGlobalDBRPOLag";
  private static final String NAMESPACE = "AWS/RDS ";

  private final AuroraLagMetrics lagMetrics;
  private final FollowedMetrics metrics;
  // The metric the followed secondaries publish, for the figure's source; set on the read's context.
  private String source = SOURCE;

  public AuroraGlobalTelemetry(Vertx vertx, RdsAsyncClient rds, CloudWatchReaders readers, String globalCluster,
      AwsEndpoint home, Duration period) {
    super(vertx, new Source<>("rds DescribeGlobalClusters", "global cluster", globalCluster,
        () -> rds.describeGlobalClusters(r -> r.globalClusterIdentifier(globalCluster))
            .thenApply(DescribeGlobalClustersResponse::globalClusters),
        GlobalCluster::globalClusterIdentifier, AuroraGlobalMembers::of));
    this.metrics = new FollowedMetrics(vertx, readers, home);
    this.lagMetrics = new AuroraLagMetrics(readers, home, period);
  }

  @Override
  protected Future<ReplicaView> lags(AuroraGlobalMembers members) {
    // Both lag metrics are in milliseconds.
    return follow(members.secondaries()).compose(v -> metrics.worst(source, ms -> Duration.ofMillis(Math.round(ms)),
        "writer " + members.writerId())).map(view -> members.failover().map(view::withDrift).orElse(view));
  }

  @Override
  protected void forget() {
    lagMetrics.forget();
  }

  private Future<Void> follow(List<AuroraGlobalMembers.Member> secondaries) {
    Context context = vertx.getOrCreateContext();
    List<Future<FollowedMetrics.Target>> targets = secondaries.stream().map(m -> lagMetrics.of(context, m)
        .map(q -> new FollowedMetrics.Target(m.region(), q, "secondary " + m.clusterId()))).toList();
    return Future.all(targets).compose(all -> {
      List<FollowedMetrics.Target> list = targets.stream().map(Future::result).toList();
      source = list.isEmpty() ? SOURCE : NAMESPACE + list.get(0).query().metric();
      return metrics.follow(list);
    });
  }

  @Override
  public Future<Void> close() {
    metrics.close();
    return Future.succeededFuture();
  }
}
