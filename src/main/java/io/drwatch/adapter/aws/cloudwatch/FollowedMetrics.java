package io.drwatch.adapter.aws.cloudwatch;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.DoubleFunction;

/**
 * The lag metrics of a global resource's secondaries (Aurora global clusters, ElastiCache global
 * datastores): one query per secondary, read in that secondary's own region, and followed as the
 * roles move. Any secondary may be the failover target, so the worst lag is the figure, and one
 * secondary without a datapoint makes the whole figure unknown.
 */
public final class FollowedMetrics {
  /** One secondary: its region, its metric, and how messages name it. */
  public record Target(String region, MetricQuery query, String label) {}

  private record Registered(Target target, CloudWatchReader reader) {}

  private final Vertx vertx;
  private final CloudWatchReaders readers;
  private final AwsEndpoint home;
  private List<Registered> registered = List.of();

  /** @param home the channel's endpoint and role; each target is read in its region through it */
  public FollowedMetrics(Vertx vertx, CloudWatchReaders readers, AwsEndpoint home) {
    this.vertx = vertx;
    this.readers = readers;
    this.home = home;
  }

  /**
   * Registers the targets' queries and unregisters the others. A new region's reader builds a
   * client, which is worker work, not event-loop work.
   */
  public Future<Void> follow(List<Target> targets) {
    if (registered.stream().map(Registered::target).toList().equals(targets)) {
      return Future.succeededFuture();
    }
    List<Registered> old = registered;
    return vertx.getOrCreateContext().executeBlocking(() -> {
      old.forEach(r -> r.reader().unregister(r.target().query()));
      List<Registered> next = new ArrayList<>();
      for (Target t : targets) {
        CloudWatchReader reader = readers.reader(home.inRegion(t.region()));
        reader.register(t.query());
        next.add(new Registered(t, reader));
      }
      return List.copyOf(next);
    }, false).map(next -> {
      registered = next;
      return null;
    });
  }

  /**
   * The worst of the followed datapoints as {@code source}'s figure on a link that is up, or
   * missing telemetry naming the first secondary without a datapoint. Targets that share a label
   * are one secondary's nodes, of which only some publish (its primary): one datapoint among them
   * is enough.
   *
   * @param toLag the metric's value as a lag (units differ: milliseconds, seconds)
   */
  public Future<ReplicaView> worst(String source, DoubleFunction<Duration> toLag, String detail) {
    List<Registered> now = registered;
    List<Future<Optional<Datapoint>>> reads = now.stream().map(r -> r.reader().latest(r.target().query())).toList();
    return Future.all(reads).map(v -> {
      Map<String, Optional<ProviderLag>> perSecondary = new LinkedHashMap<>();
      Map<String, String> regions = new LinkedHashMap<>();
      for (int i = 0; i < reads.size(); i++) {
        Target t = now.get(i).target();
        regions.putIfAbsent(t.label(), t.region());
        Optional<ProviderLag> lag = reads.get(i).result()
            .map(p -> new ProviderLag(source, toLag.apply(Math.max(0, p.value())), p.at()));
        perSecondary.merge(t.label(), lag, FollowedMetrics::larger);
      }
      ProviderLag worst = null;
      for (Map.Entry<String, Optional<ProviderLag>> e : perSecondary.entrySet()) {
        if (e.getValue().isEmpty()) {
          return ReplicaView.telemetryMissing(LinkState.UP, "no " + source + " datapoint for " + e.getKey()
              + " in " + regions.get(e.getKey()));
        }
        worst = larger(Optional.ofNullable(worst), e.getValue()).orElseThrow();
      }
      ReplicaView up = new ReplicaView(Optional.empty(), LinkState.UP, detail);
      return worst == null ? up : up.withReported(worst);
    });
  }

  private static Optional<ProviderLag> larger(Optional<ProviderLag> a, Optional<ProviderLag> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isPresent() ? a : b;
    }
    return b.get().reported().compareTo(a.get().reported()) > 0 ? b : a;
  }

  public void close() {
    registered.forEach(r -> r.reader().unregister(r.target().query()));
    registered = List.of();
  }
}
