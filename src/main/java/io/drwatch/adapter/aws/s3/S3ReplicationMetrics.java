package io.drwatch.adapter.aws.s3;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReader;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.Datapoint;
import io.drwatch.adapter.aws.cloudwatch.MetricQuery;
import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Future;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * S3's own replication metrics for one rule, published when replication metrics (or RTC) are
 * enabled on it: {@code ReplicationLatency} (seconds, the provider's lag figure, cross-checked by
 * the canary), {@code OperationsFailedReplication} (any failure in the window means the rule is
 * failing objects: BROKEN) and {@code OperationsPendingReplication} (shown in the detail). S3
 * publishes latency and pending operations in the destination bucket's region and failed operations
 * in the source's, so each is read from the shared CloudWatch reader of its own region; the canary
 * stays the RPO.
 */
public final class S3ReplicationMetrics implements ProviderTelemetry {
  static final String SOURCE = "AWS/S3 ReplicationLatency";

  private final CloudWatchReader source;
  private final CloudWatchReader destination;
  private final MetricQuery latency;
  private final MetricQuery failed;
  private final MetricQuery pending;

  public S3ReplicationMetrics(CloudWatchReader source, CloudWatchReader destination, String sourceBucket,
      String destinationBucket, String rule) {
    this.source = source;
    this.destination = destination;
    Map<String, String> dims = Map.of("SourceBucket", sourceBucket, "DestinationBucket", destinationBucket,
        "RuleId", rule);
    this.latency = MetricQuery.maxPerMinute("AWS/S3", "ReplicationLatency", dims);
    this.failed = MetricQuery.maxPerMinute("AWS/S3", "OperationsFailedReplication", dims);
    this.pending = MetricQuery.maxPerMinute("AWS/S3", "OperationsPendingReplication", dims);
    destination.register(latency);
    source.register(failed);
    destination.register(pending);
  }

  /**
   * The metrics of the channel's {@code replicationRule}, read as the channel's role in the source
   * {@code region} and the {@code destinationRegion} (default: the source's); empty without a rule
   * (S3 publishes the metrics per rule).
   */
  public static Optional<S3ReplicationMetrics> forChannel(CloudWatchReaders readers, ChannelConfig c) {
    AwsEndpoint home = new AwsEndpoint(c.param("region"), c.optionalParam("endpointOverride").map(URI::create),
        c.optionalParam("assumeRole"));
    String destinationRegion = c.optionalParam("destinationRegion").orElse(home.region());
    return c.optionalParam("replicationRule").map(rule -> new S3ReplicationMetrics(readers.reader(home),
        readers.reader(home.inRegion(destinationRegion)), c.param("sourceBucket"), c.param("destinationBucket"), rule));
  }

  @Override
  public Future<ReplicaView> read() {
    Future<Optional<Datapoint>> lat = destination.latest(latency);
    Future<Optional<Datapoint>> fail = source.latest(failed);
    Future<Optional<Datapoint>> pend = destination.latest(pending);
    return Future.all(lat, fail, pend).map(v -> view(lat.result(), fail.result(), pend.result()));
  }

  static ReplicaView view(Optional<Datapoint> lat, Optional<Datapoint> fail, Optional<Datapoint> pend) {
    String pendingText = pend.map(p -> "; " + Math.round(p.value()) + " operations pending").orElse("");
    if (fail.isPresent() && fail.get().value() > 0) {
      return new ReplicaView(Optional.empty(), LinkState.DOWN, "OperationsFailedReplication "
          + Math.round(fail.get().value()) + " at " + fail.get().at() + pendingText);
    }
    if (lat.isEmpty()) {
      return ReplicaView.telemetryMissing(LinkState.UNKNOWN,
          "no " + SOURCE + " datapoint in the query window (replication metrics enabled on the rule?)");
    }
    Datapoint p = lat.get();
    ProviderLag reported = new ProviderLag(SOURCE, Duration.ofMillis(Math.round(Math.max(0, p.value()) * 1000)), p.at());
    return new ReplicaView(Optional.empty(), LinkState.UNKNOWN, "replication metrics" + pendingText).withReported(reported);
  }

  @Override
  public Future<Void> close() {
    destination.unregister(latency);
    source.unregister(failed);
    destination.unregister(pending);
    return Future.succeededFuture();
  }
}
