package io.drwatch.adapter.aws.aurora;

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
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.GlobalCluster;

/**
 * An Aurora global database as RDS reports it: {@code DescribeGlobalClusters} (members, which one
 * writes, SynchronizationStatus, FailoverState) and {@code AuroraGlobalDBRPOLag} (ms), which only
 * secondaries publish, in their own region. When the writer moves the metric moves with it, so
 * the queries are re-registered for the new secondaries (they read as missing until the next poll).
 * With several secondaries the largest lag is the figure: any of them may be the failover target.
 */
public final class AuroraGlobalTelemetry implements ProviderTelemetry {
  static final String SOURCE = "AWS/RDS AuroraGlobalDBRPOLag";

  private final Vertx vertx;
  private final RdsAsyncClient rds;
  private final CloudWatchReaders readers;
  private final String globalCluster;
  private final AwsEndpoint home;
  private final Duration period;
  private List<Registered> registered = List.of();

  private record Registered(AuroraGlobalMembers.Member member, CloudWatchReader reader, MetricQuery query) {}

  public AuroraGlobalTelemetry(Vertx vertx, RdsAsyncClient rds, CloudWatchReaders readers, String globalCluster,
      AwsEndpoint home, Duration period) {
    this.vertx = vertx;
    this.rds = rds;
    this.readers = readers;
    this.globalCluster = globalCluster;
    this.home = home;
    this.period = period;
  }

  @Override
  public Future<ReplicaView> read() {
    return AwsCall.of("rds DescribeGlobalClusters " + globalCluster)
        .run(vertx.getOrCreateContext(), () -> rds.describeGlobalClusters(r -> r.globalClusterIdentifier(globalCluster)))
        // Filtered here too: an identifier filter a server ignores must not make us read another cluster.
        .map(r -> r.globalClusters().stream().filter(g -> globalCluster.equals(g.globalClusterIdentifier()))
            .findFirst().orElseThrow(() ->
            new IllegalStateException("rds DescribeGlobalClusters " + globalCluster + ": no such global cluster")))
        .compose(this::view);
  }

  private Future<ReplicaView> view(GlobalCluster gc) {
    AuroraGlobalMembers members = AuroraGlobalMembers.of(gc);
    Optional<String> broken = members.broken();
    if (broken.isPresent()) {
      return Future.succeededFuture(new ReplicaView(Optional.empty(), LinkState.DOWN, broken.get()));
    }
    return follow(members.secondaries()).compose(v -> lags(members));
  }

  private Future<ReplicaView> lags(AuroraGlobalMembers members) {
    List<Future<Optional<Datapoint>>> reads = new ArrayList<>();
    registered.forEach(r -> reads.add(r.reader().latest(r.query())));
    return Future.all(reads).map(v -> {
      ProviderLag worst = null;
      for (int i = 0; i < reads.size(); i++) {
        Optional<Datapoint> p = reads.get(i).result();
        if (p.isEmpty()) {
          return ReplicaView.telemetryMissing(LinkState.UP, "no " + SOURCE + " datapoint for secondary "
              + registered.get(i).member().clusterId() + " in " + registered.get(i).member().region());
        }
        ProviderLag lag = new ProviderLag(SOURCE, Duration.ofMillis(Math.max(0, Math.round(p.get().value()))),
            p.get().at());
        if (worst == null || lag.reported().compareTo(worst.reported()) > 0) {
          worst = lag;
        }
      }
      ReplicaView view = new ReplicaView(Optional.empty(), LinkState.UP, "writer " + members.writerId()).withReported(worst);
      return members.failover().map(view::withDrift).orElse(view);
    });
  }

  /**
   * Registers the secondaries' metrics, and unregisters those of clusters that are no longer
   * secondaries. A new region's reader builds a client, which is worker work, not event-loop work.
   */
  private Future<Void> follow(List<AuroraGlobalMembers.Member> secondaries) {
    List<AuroraGlobalMembers.Member> current = registered.stream().map(Registered::member).toList();
    if (current.equals(secondaries)) {
      return Future.succeededFuture();
    }
    List<Registered> old = registered;
    return vertx.getOrCreateContext().executeBlocking(() -> {
      old.forEach(r -> r.reader().unregister(r.query()));
      List<Registered> next = new ArrayList<>();
      for (AuroraGlobalMembers.Member m : secondaries) {
        CloudWatchReader reader = readers.reader(home.inRegion(m.region()));
        MetricQuery q = new MetricQuery("AWS/RDS", "AuroraGlobalDBRPOLag",
            Map.of("DBClusterIdentifier", m.clusterId()), "Maximum", period);
        reader.register(q);
        next.add(new Registered(m, reader, q));
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
