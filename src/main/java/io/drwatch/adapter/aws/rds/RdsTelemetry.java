package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReader;
import io.drwatch.adapter.aws.cloudwatch.Datapoint;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.DBInstance;

/**
 * An RDS cross-region read replica as RDS reports it: {@code DescribeDBInstances} (is it still a
 * replica, instance status, {@code StatusInfos} "read replication") and CloudWatch {@code AWS/RDS
 * ReplicaLag} of the replica, from the shared reader. {@code ReplicaLag = -1} means replication is
 * not running (MySQL/MariaDB) and is never averaged with real values: the link is down. No
 * datapoint in the window is missing telemetry (UNKNOWN), never 0 lag.
 */
public final class RdsTelemetry implements ProviderTelemetry {
  static final String SOURCE = "AWS/RDS ReplicaLag";

  private final Vertx vertx;
  private final RdsAsyncClient rds;
  private final CloudWatchReader cloudWatch;
  private final String instance;
  private final MetricQuery lag;

  /** @param period 60 s for RDS (1-minute metrics); tests use 1 s high-resolution points */
  public RdsTelemetry(Vertx vertx, RdsAsyncClient rds, CloudWatchReader cloudWatch, String instance, Duration period) {
    this.vertx = vertx;
    this.rds = rds;
    this.cloudWatch = cloudWatch;
    this.instance = instance;
    this.lag = new MetricQuery("AWS/RDS", "ReplicaLag", Map.of("DBInstanceIdentifier", instance), "Maximum", period);
    cloudWatch.register(lag);
  }

  @Override
  public Future<ReplicaView> read() {
    Context ctx = vertx.getOrCreateContext();
    Future<DBInstance> described = AwsFutures.retried(Retry.of("rds DescribeDBInstances " + instance),
        ctx, () -> rds.describeDBInstances(r -> r.dbInstanceIdentifier(instance)))
        .map(r -> r.dbInstances().stream().findFirst().orElseThrow(() ->
            new IllegalStateException("rds DescribeDBInstances " + instance + ": no such instance")));
    Future<Optional<Datapoint>> metric = cloudWatch.latest(lag);
    return Future.all(described, metric).map(v -> view(described.result(), metric.result()));
  }

  private ReplicaView view(DBInstance db, Optional<Datapoint> point) {
    Optional<String> broken = RdsReplicaState.broken(db);
    if (broken.isPresent()) {
      ReplicaView down = new ReplicaView(Optional.empty(), LinkState.DOWN, broken.get());
      return point.filter(p -> p.value() >= 0).map(p -> down.withReported(lag(p))).orElse(down);
    }
    if (point.isEmpty()) {
      String why = "no " + SOURCE + " datapoint for " + instance + " in the query window"
          + (cloudWatch.lastError().isEmpty() ? "" : " (" + cloudWatch.lastError() + ")");
      return ReplicaView.telemetryMissing(LinkState.UP, why);
    }
    Datapoint p = point.get();
    if (p.value() < 0) {
      return new ReplicaView(Optional.empty(), LinkState.DOWN,
          SOURCE + " = -1 at " + p.at() + ": replication is not running on " + instance);
    }
    return new ReplicaView(Optional.empty(), LinkState.UP, RdsReplicaState.detail(db)).withReported(lag(p));
  }

  private static ProviderLag lag(Datapoint p) {
    return new ProviderLag(SOURCE, Duration.ofMillis(Math.round(p.value() * 1000)), p.at());
  }

  @Override
  public Future<Void> close() {
    cloudWatch.unregister(lag);
    return Future.succeededFuture();
  }
}
