package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsCall;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReader;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.Datapoint;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
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
  private final CloudWatchReaders readers;
  private final String group;
  private final List<String> secondaryNodes;
  private final AwsEndpoint home;
  private final Duration period;
  private List<Registered> registered = List.of();

  private record Registered(ElastiCacheGlobalMembers.Member member, String node, CloudWatchReader reader,
      MetricQuery query) {}

  /** @param secondaryNodes node ids to read instead of {@code <group>-001}, matched by their group's prefix */
  public ElastiCacheGlobalTelemetry(Vertx vertx, ElastiCacheAsyncClient elastiCache, CloudWatchReaders readers,
      String group, List<String> secondaryNodes, AwsEndpoint home, Duration period) {
    this.vertx = vertx;
    this.elastiCache = elastiCache;
    this.readers = readers;
    this.group = group;
    this.secondaryNodes = List.copyOf(secondaryNodes);
    this.home = home;
    this.period = period;
  }

  @Override
  public Future<ReplicaView> read() {
    return AwsCall.of("elasticache DescribeGlobalReplicationGroups " + group)
        .run(vertx.getOrCreateContext(), () -> elastiCache.describeGlobalReplicationGroups(r -> r
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
    List<Registered> now = registered;
    List<Future<Optional<Datapoint>>> reads = new ArrayList<>();
    now.forEach(r -> reads.add(r.reader().latest(r.query())));
    return Future.all(reads).map(v -> {
      ProviderLag worst = null;
      for (int i = 0; i < reads.size(); i++) {
        Optional<Datapoint> p = reads.get(i).result();
        Registered r = now.get(i);
        if (p.isEmpty()) {
          return ReplicaView.telemetryMissing(LinkState.UP, "no " + SOURCE + " datapoint for node " + r.node()
              + " of secondary " + r.member().replicationGroupId() + " in " + r.member().region());
        }
        // Seconds, fractional: the service's typical lag is sub-second.
        ProviderLag lag = new ProviderLag(SOURCE, Duration.ofMillis(Math.max(0, Math.round(p.get().value() * 1000))),
            p.get().at());
        if (worst == null || lag.reported().compareTo(worst.reported()) > 0) {
          worst = lag;
        }
      }
      return new ReplicaView(Optional.empty(), LinkState.UP, members.detail()).withReported(worst);
    });
  }

  /** The node whose metric stands for a secondary: a configured one of its group, else {@code <group>-001}. */
  String nodeOf(ElastiCacheGlobalMembers.Member m) {
    return secondaryNodes.stream().filter(n -> n.startsWith(m.replicationGroupId() + "-")).findFirst()
        .orElse(m.replicationGroupId() + "-001");
  }

  /**
   * Registers the secondaries' metrics, and unregisters those of groups that are no longer
   * secondaries. A new region's reader builds a client, which is worker work, not event-loop work.
   */
  private Future<Void> follow(List<ElastiCacheGlobalMembers.Member> secondaries) {
    List<String> wanted = secondaries.stream().map(m -> m.region() + "/" + nodeOf(m)).toList();
    List<String> current = registered.stream().map(r -> r.member().region() + "/" + r.node()).toList();
    if (current.equals(wanted)) {
      return Future.succeededFuture();
    }
    List<Registered> old = registered;
    return vertx.getOrCreateContext().executeBlocking(() -> {
      old.forEach(r -> r.reader().unregister(r.query()));
      List<Registered> next = new ArrayList<>();
      for (ElastiCacheGlobalMembers.Member m : secondaries) {
        CloudWatchReader reader = readers.reader(home.inRegion(m.region()));
        String node = nodeOf(m);
        MetricQuery q = new MetricQuery("AWS/ElastiCache", "GlobalDatastoreReplicationLag",
            Map.of("CacheClusterId", node), "Maximum", period);
        reader.register(q);
        next.add(new Registered(m, node, reader, q));
      }
      return List.copyOf(next);
    }, false).map(next -> {
      registered = next;
      return null;
    });
  }

  @Override
  public Future<Void> close() {
    registered.forEach(r -> r.reader().unregister(r.query()));
    registered = List.of();
    return Future.succeededFuture();
  }
}
