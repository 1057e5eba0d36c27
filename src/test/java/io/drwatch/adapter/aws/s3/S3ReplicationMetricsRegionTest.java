package io.drwatch.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.QueryProtocolProxy;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Where S3's replication metrics are read: moto keeps CloudWatch per region, so a datapoint put in
 * the region AWS publishes it in is found only by a request signed for that region. A recording
 * proxy shows the region and dimensions of each GetMetricData on the wire.
 */
class S3ReplicationMetricsRegionTest {
  private static final String SOURCE = "us-east-1";
  private static final String DESTINATION = "us-west-2";
  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static QueryProtocolProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    proxy = new QueryProtocolProxy(moto.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    aws.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static void put(String region, String metric, double value, Instant at) throws Exception {
    try (CloudWatchAsyncClient cw = aws.configure(CloudWatchAsyncClient.builder(),
        new AwsEndpoint(region, Optional.of(moto.endpoint()))).build()) {
      cw.putMetricData(r -> r.namespace("AWS/S3").metricData(MetricDatum.builder().metricName(metric)
          // In sorted order, as the reader asks: moto matches dimension lists in order, AWS as a set.
          .dimensions(dim("DestinationBucket", "assets-usw2"), dim("RuleId", "all"), dim("SourceBucket", "assets"))
          .value(value).timestamp(at).build())).get(10, TimeUnit.SECONDS);
    }
  }

  private static Dimension dim(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

  @Test
  void shouldReadLatencyAndPendingInTheDestinationRegionAndFailuresInTheSource() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
    put(DESTINATION, "ReplicationLatency", 42, at);
    put(DESTINATION, "OperationsPendingReplication", 7, at);
    put(SOURCE, "OperationsFailedReplication", 0, at);
    ChannelConfig c = new ChannelConfig("assets", ChannelKind.S3, Optional.empty(), Optional.empty(),
        new HeartbeatConfig(Duration.ofMillis(200), Duration.ofSeconds(5), "drwatch_heartbeat", "k", 3),
        Duration.ofMinutes(15), Map.of("region", SOURCE, "destinationRegion", DESTINATION,
            "endpointOverride", proxy.endpoint().toString(), "sourceBucket", "assets",
            "destinationBucket", "assets-usw2", "replicationRule", "all"));

    try (CloudWatchReaders readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofHours(1), 5, Clock.systemUTC())) {
      S3ReplicationMetrics metrics = S3ReplicationMetrics.forChannel(readers, c).orElseThrow();
      ReplicaView view = OnContext.run(vertx, metrics::read);

      assertThat(view.reported()).hasValueSatisfying(p -> assertThat(p.reported()).isEqualTo(Duration.ofSeconds(42)));
      assertThat(view.linkDetail()).isEqualTo("replication metrics; 7 operations pending");
      List<Map<String, String>> calls = proxy.requests("GetMetricData");
      assertThat(calls).extracting(f -> f.get(QueryProtocolProxy.REGION)).containsExactlyInAnyOrder(SOURCE, DESTINATION);
      assertThat(calls).allSatisfy(f -> assertThat(f).containsEntry(
          "MetricDataQueries.member.1.MetricStat.Metric.Namespace", "AWS/S3"));
      assertThat(metricsIn(calls, DESTINATION)).containsExactlyInAnyOrder("ReplicationLatency",
          "OperationsPendingReplication");
      assertThat(metricsIn(calls, SOURCE)).containsExactly("OperationsFailedReplication");
      metrics.close();
    }
  }

  private static List<String> metricsIn(List<Map<String, String>> calls, String region) {
    return calls.stream().filter(f -> region.equals(f.get(QueryProtocolProxy.REGION)))
        .flatMap(f -> f.entrySet().stream())
        .filter(e -> e.getKey().matches("MetricDataQueries\\.member\\.\\d+\\.MetricStat\\.Metric\\.MetricName"))
        .map(Map.Entry::getValue).toList();
  }
}
