package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.cloudwatch.FollowedMetrics;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroup;

/**
 * An ElastiCache Global Datastore as the service reports it: {@code DescribeGlobalReplicationGroups}
 * (members, roles, member and datastore status) and {@code GlobalDatastoreReplicationLag} (seconds).
 * The metric is per node ({@code CacheClusterId}) and only the secondary's primary node publishes
 * it, in the secondary's region; by AWS's naming that node is {@code <replication group>-001}
 * unless {@code secondaryNode} names it. When the roles swap the metric moves with them, so the
 * queries are re-registered for the new secondaries (they read as missing until the next poll).
 * With several secondaries the largest lag is the figure: any of them may be the failover target.
 */
public final class ElastiCacheGlobalTelemetry implements ProviderTelemetry {
  static final String SOURCE = "AWS/ElastiCache GlobalDatastoreReplicationLag";

  private final Vertx vertx;
  private final ElastiCacheAsyncClient elastiCache;
  private final String group;
  private final List<String> secondaryNodes;
  private final Duration period;
  private final FollowedMetrics metrics;

  /** @param secondaryNodes node ids to read instead of {@code <group>-001}, matched by their group's prefix */
  public ElastiCacheGlobalTelemetry(Vertx vertx, ElastiCacheAsyncClient elastiCache, CloudWatchReaders readers,
      String group, List<String> secondaryNodes, AwsEndpoint home, Duration period) {
    this.vertx = vertx;
    this.elastiCache = elastiCache;
    this.group = group;
    this.secondaryNodes = List.copyOf(secondaryNodes);
    this.metrics = new FollowedMetrics(vertx, readers, home);
    this.period = period;
  }

  @Override
  public Future<ReplicaView> read() {
    return AwsFutures.retried(Retry.of("elasticache DescribeGlobalReplicationGroups " + group),
        vertx.getOrCreateContext(), () -> elastiCache.describeGlobalReplicationGroups(r -> r
            .globalReplicationGroupId(group).showMemberInfo(true)))
        // Filtered here too: an id filter a server ignores must not make us read another datastore.
        .map(r -> r.globalReplicationGroups().stream().filter(g -> group.equals(g.globalReplicationGroupId()))
            .findFirst().orElseThrow(() -> new IllegalStateException(
                "elasticache DescribeGlobalReplicationGroups " + group + ": no such global datastore")))
        .compose(this::view);
  }

  private Future<ReplicaView> view(GlobalReplicationGroup g) {
    ElastiCacheGlobalMembers members = ElastiCacheGlobalMembers.of(g);
    Optional<String> broken = members.broken();
    if (broken.isPresent()) {
      return Future.succeededFuture(new ReplicaView(Optional.empty(), LinkState.DOWN, broken.get()));
    }
    return follow(members.secondaries()).compose(v -> lags(members));
  }

  private Future<ReplicaView> lags(ElastiCacheGlobalMembers members) {
    // Seconds, fractional: the service's typical lag is sub-second.
    return metrics.worst(SOURCE, seconds -> Duration.ofMillis(Math.round(seconds * 1000)), members.detail());
  }

  /** The node whose metric stands for a secondary: a configured one of its group, else {@code <group>-001}. */
  String nodeOf(ElastiCacheGlobalMembers.Member m) {
    return secondaryNodes.stream().filter(n -> n.startsWith(m.replicationGroupId() + "-")).findFirst()
        .orElse(m.replicationGroupId() + "-001");
  }

  private Future<Void> follow(List<ElastiCacheGlobalMembers.Member> secondaries) {
    return metrics.follow(secondaries.stream().map(m -> new FollowedMetrics.Target(m.region(),
        new MetricQuery("AWS/ElastiCache", "GlobalDatastoreReplicationLag", Map.of("CacheClusterId", nodeOf(m)),
            "Maximum", period), "node " + nodeOf(m) + " of secondary " + m.replicationGroupId())).toList());
  }

  @Override
  public Future<Void> close() {
    metrics.close();
    return Future.succeededFuture();
  }
}
