package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.GlobalTelemetry;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.FollowedMetrics;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.drwatch.domain.lag.ReplicaView;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.elasticache.model.DescribeGlobalReplicationGroupsResponse;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroup;

/**
 * An ElastiCache Global Datastore as the service reports it: {@code DescribeGlobalReplicationGroups}
 * (members, roles, member and datastore status) and {@code GlobalDatastoreReplicationLag} (seconds).
 * The metric is per node ({@code CacheClusterId}), published by the secondary's primary node in the
 * secondary's region; every node of the secondary's group is read ({@link ElastiCacheNodes}) and the
 * largest lag stands for the group. When the roles swap the metric moves with them, so the
 * queries are re-registered for the new secondaries (they read as missing until the next poll).
 * With several secondaries the largest lag is the figure: any of them may be the failover target.
 */
public final class ElastiCacheGlobalTelemetry
    extends GlobalTelemetry<GlobalReplicationGroup, ElastiCacheGlobalMembers> {
  static final String SOURCE = "AWS/ElastiCache GlobalDatastoreReplicationLag";

  private final ElastiCacheNodes nodes;
  private final Duration period;
  private final FollowedMetrics metrics;

  /**
   * @param elastiCache the client of the channel's region, for the global datastore
   * @param inRegion builds the client of a secondary's region, for its nodes
   * @param secondaryNodes node ids to read instead of a group's member clusters, matched by their group's prefix
   * @param home the channel's endpoint and role, for CloudWatch
   */
  public ElastiCacheGlobalTelemetry(Vertx vertx, ElastiCacheAsyncClient elastiCache,
      Function<String, ElastiCacheAsyncClient> inRegion, CloudWatchReaders readers, String group,
      List<String> secondaryNodes, AwsEndpoint home, Duration period) {
    super(vertx, new Source<>("elasticache DescribeGlobalReplicationGroups", "global datastore", group,
        () -> elastiCache.describeGlobalReplicationGroups(r -> r.globalReplicationGroupId(group).showMemberInfo(true))
            .thenApply(DescribeGlobalReplicationGroupsResponse::globalReplicationGroups),
        GlobalReplicationGroup::globalReplicationGroupId, ElastiCacheGlobalMembers::of));
    this.nodes = new ElastiCacheNodes(inRegion, secondaryNodes);
    this.metrics = new FollowedMetrics(vertx, readers, home);
    this.period = period;
  }

  @Override
  protected Future<ReplicaView> lags(ElastiCacheGlobalMembers members) {
    // Seconds, fractional: the service's typical lag is sub-second.
    return follow(members.secondaries()).compose(v -> metrics.worst(SOURCE,
        seconds -> Duration.ofMillis(Math.round(seconds * 1000)), members.detail()));
  }

  @Override
  protected void forget() {
    nodes.forget(); // a group resharded or replaced its nodes: look them up again
  }

  /** One query per node of every secondary; the nodes of one secondary share its label, so its worst node counts. */
  private Future<Void> follow(List<ElastiCacheGlobalMembers.Member> secondaries) {
    Context context = vertx.getOrCreateContext();
    List<Future<List<FollowedMetrics.Target>>> perMember = secondaries.stream().map(m -> nodes.of(context, m)
        .map(ids -> ids.stream().map(node -> new FollowedMetrics.Target(m.region(),
            new MetricQuery("AWS/ElastiCache", "GlobalDatastoreReplicationLag", Map.of("CacheClusterId", node),
                "Maximum", period), "secondary " + m.replicationGroupId())).toList())).toList();
    return Future.all(perMember).compose(all -> metrics.follow(perMember.stream()
        .flatMap(f -> f.result().stream()).toList()));
  }

  @Override
  public Future<Void> close() {
    metrics.close();
    nodes.close();
    return Future.succeededFuture();
  }
}
