package io.drwatch.adapter.aws.aurora;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.aurora.AuroraGlobalMembers.Member;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which metric carries a secondary's lag, and under which dimensions. Aurora MySQL below 3.04 /
 * 2.12 publishes {@code AuroraGlobalDBReplicationLag} instead of {@code AuroraGlobalDBRPOLag}, and
 * some accounts see the metric only with a {@code SourceRegion} dimension beside
 * {@code DBClusterIdentifier}; a fixed query would read nothing there. So {@code ListMetrics} in
 * the secondary's region says what exists: once per secondary, again when the secondaries change
 * (a role change) and after a round without a datapoint ({@link #forget}).
 */
final class AuroraLagMetrics {
  /** Preferred first: the RPO lag where the engine publishes it. */
  static final List<String> NAMES = List.of("AuroraGlobalDBRPOLag", "AuroraGlobalDBReplicationLag");

  private final CloudWatchReaders readers;
  private final AwsEndpoint home;
  private final Duration period;
  // Touched on the telemetry's context only, between reads.
  private final Map<Member, MetricQuery> known = new HashMap<>();

  AuroraLagMetrics(CloudWatchReaders readers, AwsEndpoint home, Duration period) {
    this.readers = readers;
    this.home = home;
    this.period = period;
  }

  /** The member's lag metric: as listed in its region, else the RPO lag by cluster id (read as missing until it exists). */
  Future<MetricQuery> of(Context context, Member m) {
    MetricQuery cached = known.get(m);
    if (cached != null) {
      return Future.succeededFuture(cached);
    }
    Map<String, String> cluster = Map.of("DBClusterIdentifier", m.clusterId());
    // A reader builds its client on first use: worker work, not event-loop work.
    return context.executeBlocking(() -> readers.reader(home.inRegion(m.region())), false)
        .compose(reader -> reader.list("AWS/RDS", cluster))
        .map(found -> chosen(found).map(f -> query(f.metric(), f.dimensions()))
            .orElseGet(() -> query(NAMES.get(0), cluster)))
        .onSuccess(q -> known.put(m, q));
  }

  /** The preferred name; among its dimension sets the smallest (the plain cluster one where it exists). */
  static Optional<MetricQuery.Found> chosen(List<MetricQuery.Found> found) {
    return found.stream().filter(f -> NAMES.contains(f.metric()))
        .min(Comparator.<MetricQuery.Found>comparingInt(f -> NAMES.indexOf(f.metric()))
            .thenComparingInt(f -> f.dimensions().size()));
  }

  private MetricQuery query(String name, Map<String, String> dimensions) {
    return new MetricQuery("AWS/RDS", name, dimensions, "Maximum", period);
  }

  void forget() {
    known.clear();
  }
}
