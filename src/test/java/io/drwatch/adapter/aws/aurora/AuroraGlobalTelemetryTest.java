package io.drwatch.adapter.aws.aurora;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.cloudwatch.QueryProtocolProxy;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/**
 * aurora-global against moto: a real global cluster (writer in us-east-1, secondary in us-west-2)
 * from DescribeGlobalClusters, and AuroraGlobalDBRPOLag put into moto's CloudWatch in the
 * secondary's region only, as AWS publishes it.
 */
class AuroraGlobalTelemetryTest {
  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static RdsAsyncClient east;
  private static QueryProtocolProxy proxy;
  private static CloudWatchReaders readers;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    // moto 5.2.1 reports IsWriter=false for every member (AWS: true for the primary cluster) and
    // ignores the GlobalClusterIdentifier filter; the proxy corrects IsWriter of the source cluster.
    proxy = new QueryProtocolProxy(moto.endpoint());
    proxy.rewrite(body -> body.replaceAll(":cluster:(\\w+)-east</DBClusterArn><Readers/><IsWriter>false",
        ":cluster:$1-east</DBClusterArn><Readers/><IsWriter>true"));
    east = aws.configure(RdsAsyncClient.builder(), new AwsEndpoint("us-east-1", Optional.of(proxy.endpoint()))).build();
    try (RdsAsyncClient west = aws.configure(RdsAsyncClient.builder(), new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()))).build()) {
      String arn = east.createDBCluster(r -> r.dbClusterIdentifier("orders-east").engine("aurora-postgresql")
          .masterUsername("admin1").masterUserPassword("password123")).get(20, TimeUnit.SECONDS).dbCluster().dbClusterArn();
      east.createGlobalCluster(r -> r.globalClusterIdentifier("orders-global").sourceDBClusterIdentifier(arn))
          .get(20, TimeUnit.SECONDS);
      west.createDBCluster(r -> r.dbClusterIdentifier("orders-west").engine("aurora-postgresql")
          .globalClusterIdentifier("orders-global")).get(20, TimeUnit.SECONDS);
      String legacy = east.createDBCluster(r -> r.dbClusterIdentifier("legacy-east").engine("aurora-mysql")
          .engineVersion("5.7.mysql_aurora.2.11.2").masterUsername("admin1").masterUserPassword("password123"))
          .get(20, TimeUnit.SECONDS).dbCluster().dbClusterArn();
      east.createGlobalCluster(r -> r.globalClusterIdentifier("legacy-global").sourceDBClusterIdentifier(legacy))
          .get(20, TimeUnit.SECONDS);
      west.createDBCluster(r -> r.dbClusterIdentifier("legacy-west").engine("aurora-mysql")
          .engineVersion("5.7.mysql_aurora.2.11.2").globalClusterIdentifier("legacy-global")).get(20, TimeUnit.SECONDS);
    }
    readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofMillis(300), 30, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    readers.close();
    east.close();
    proxy.close();
    aws.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @org.junit.jupiter.api.BeforeEach
  void forgetOtherTestsRequests() {
    proxy.clear();
  }

  private static ReplicaView read(AuroraGlobalTelemetry t) throws Exception {
    Promise<ReplicaView> p = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> t.read().onComplete(p));
    return p.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void rpoLagOfTheSecondaryFromItsOwnRegion() throws Exception {
    AuroraGlobalTelemetry t = new AuroraGlobalTelemetry(vertx, east, readers, "orders-global",
        new AwsEndpoint("us-east-1", Optional.of(moto.endpoint())), Duration.ofSeconds(1));
    ReplicaView first = read(t);
    assertThat(first.telemetryMissing()).as(first.linkDetail()).isTrue();
    assertThat(first.linkDetail()).contains("orders-west", "us-west-2");

    try (CloudWatchAsyncClient cwWest = aws.configure(CloudWatchAsyncClient.builder(),
        new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()))).build()) {
      cwWest.putMetricData(r -> r.namespace("AWS/RDS").metricData(MetricDatum.builder().metricName("AuroraGlobalDBRPOLag")
          .dimensions(Dimension.builder().name("DBClusterIdentifier").value("orders-west").build())
          .storageResolution(1).value(1500.0).timestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS)).build()))
          .get(10, TimeUnit.SECONDS);
    }
    AtomicReference<ReplicaView> last = new AtomicReference<>();
    Await.until(Duration.ofSeconds(10), "a datapoint, last " + last, () -> {
      last.set(read(t));
      return last.get().reported().isPresent();
    });
    assertThat(last.get().link()).isEqualTo(LinkState.UP);
    assertThat(last.get().reported().get().reported()).isEqualTo(Duration.ofMillis(1500));
    assertThat(last.get().linkDetail()).contains("writer orders-east");
    assertThat(proxy.requests("DescribeGlobalClusters")).allSatisfy(f ->
        assertThat(f).containsEntry("GlobalClusterIdentifier", "orders-global"));
  }

  @Test
  void anOlderAuroraMysqlsReplicationLagIsFoundUnderTheDimensionsItHas() throws Exception {
    // CloudWatch through the recording proxy too: the ListMetrics and GetMetricData it sends are on record.
    AuroraGlobalTelemetry t = new AuroraGlobalTelemetry(vertx, east, readers, "legacy-global",
        new AwsEndpoint("us-east-1", Optional.of(proxy.endpoint())), Duration.ofSeconds(1));
    try (CloudWatchAsyncClient cwWest = aws.configure(CloudWatchAsyncClient.builder(),
        new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()))).build()) {
      cwWest.putMetricData(r -> r.namespace("AWS/RDS").metricData(MetricDatum.builder()
          .metricName("AuroraGlobalDBReplicationLag")
          .dimensions(Dimension.builder().name("DBClusterIdentifier").value("legacy-west").build(),
              Dimension.builder().name("SourceRegion").value("us-east-1").build())
          .storageResolution(1).value(800.0).timestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS)).build()))
          .get(10, TimeUnit.SECONDS);
    }
    AtomicReference<ReplicaView> last = new AtomicReference<>();
    Await.until(Duration.ofSeconds(10), "a datapoint, last " + last, () -> {
      last.set(read(t));
      return last.get().reported().isPresent();
    });
    assertThat(last.get().reported().get().reported()).isEqualTo(Duration.ofMillis(800));
    assertThat(last.get().reported().get().source()).isEqualTo("AWS/RDS AuroraGlobalDBReplicationLag");
    assertThat(proxy.requests("ListMetrics")).isNotEmpty().allSatisfy(f -> assertThat(f)
        .containsEntry(QueryProtocolProxy.REGION, "us-west-2").containsEntry("Namespace", "AWS/RDS")
        .containsEntry("Dimensions.member.1.Name", "DBClusterIdentifier")
        .containsEntry("Dimensions.member.1.Value", "legacy-west"));
    assertThat(proxy.requests("GetMetricData")).last().satisfies(f -> assertThat(f)
        .containsEntry(QueryProtocolProxy.REGION, "us-west-2")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.MetricName", "AuroraGlobalDBReplicationLag")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.1.Name", "DBClusterIdentifier")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Name", "SourceRegion")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.2.Value", "us-east-1"));
    t.close();
  }

  @Test
  void unknownGlobalClusterFailsWithItsName() {
    AuroraGlobalTelemetry t = new AuroraGlobalTelemetry(vertx, east, readers, "no-such-global",
        new AwsEndpoint("us-east-1", Optional.of(moto.endpoint())), Duration.ofSeconds(1));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(t)).hasMessageContaining("no-such-global");
  }
}
