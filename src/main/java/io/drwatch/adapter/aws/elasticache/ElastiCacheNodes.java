package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.aws.elasticache.ElastiCacheGlobalMembers.Member;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.elasticache.model.DescribeReplicationGroupsRequest;

/**
 * The nodes of each secondary replication group, any of which may publish
 * {@code GlobalDatastoreReplicationLag}: the group's primary does, and which node that is changes
 * with a Multi-AZ failover inside the region, while node ids depend on the cluster mode
 * ({@code -001} or {@code -0001-001}). So every member cluster is read, as
 * {@code DescribeReplicationGroups} lists them in the group's own region, and named nodes
 * ({@code secondaryNode}) replace the lookup for their group.
 */
final class ElastiCacheNodes implements AutoCloseable {
  private final Function<String, ElastiCacheAsyncClient> inRegion;
  private final List<String> configured;
  private final Map<String, ElastiCacheAsyncClient> clients = new ConcurrentHashMap<>();
  // Touched on the telemetry's context only, between reads.
  private final Map<Member, List<String>> known = new HashMap<>();

  /** @param inRegion builds the client of a region (called on a worker thread, once per region) */
  ElastiCacheNodes(Function<String, ElastiCacheAsyncClient> inRegion, List<String> configured) {
    this.inRegion = inRegion;
    this.configured = List.copyOf(configured);
  }

  /** The member's nodes: the configured ones of its group, else its member clusters (looked up once). */
  Future<List<String>> of(Context context, Member m) {
    String id = m.replicationGroupId();
    List<String> named = configured.stream().filter(n -> n.startsWith(id + "-")).toList();
    if (!named.isEmpty()) {
      return Future.succeededFuture(named);
    }
    List<String> cached = known.get(m);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    return AwsFutures.retried(Retry.of("elasticache DescribeReplicationGroups " + id + " (" + m.region() + ")"),
        context, () -> clients.computeIfAbsent(m.region(), inRegion)
            .describeReplicationGroups(DescribeReplicationGroupsRequest.builder().replicationGroupId(id).build()))
        .map(r -> r.replicationGroups().stream().filter(g -> id.equals(g.replicationGroupId()))
            .flatMap(g -> g.memberClusters().stream()).toList())
        .compose(nodes -> nodes.isEmpty()
            ? Future.failedFuture(new IllegalStateException("elasticache DescribeReplicationGroups " + id
                + " in " + m.region() + ": no member clusters"))
            : Future.succeededFuture(nodes))
        .onSuccess(nodes -> known.put(m, nodes));
  }

  /** Looks the nodes up again on the next read (nodes added or replaced since). */
  void forget() {
    known.clear();
  }

  @Override
  public void close() {
    clients.values().forEach(ElastiCacheAsyncClient::close);
    clients.clear();
  }
}
