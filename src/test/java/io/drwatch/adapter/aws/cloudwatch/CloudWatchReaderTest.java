package io.drwatch.adapter.aws.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/** The shared CloudWatch reader against real moto, through a proxy that records what went over the wire. */
class CloudWatchReaderTest {
  static final String REGION = "us-east-1";
  private static final String NS = "http://monitoring.amazonaws.com/doc/2010-08-01/";

  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static QueryProtocolProxy proxy;
  private static CloudWatchAsyncClient direct;
  private CloudWatchReaders readers;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    // moto answers 500 queries in seconds, not milliseconds: a call timeout that fits it.
    aws = AwsClients.create(new AwsSettings(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60), 50, 2),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    proxy = new QueryProtocolProxy(moto.endpoint());
    direct = aws.configure(CloudWatchAsyncClient.builder(), new AwsEndpoint(REGION, Optional.of(moto.endpoint()))).build();
    // Warm-up: the first poll loads the SDK's and Vert.x's classes, which is not what the tests measure.
    try (CloudWatchReaders warm = new CloudWatchReaders(vertx, () -> aws, Duration.ofHours(1), 5, Clock.systemUTC())) {
      CloudWatchReader r = warm.reader(new AwsEndpoint(REGION, Optional.of(proxy.endpoint())));
      r.register(lag("warm-up"));
      java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
      proxy.intercept(f -> once.getAndSet(true) ? null : QueryProtocolProxy.error(503, NS, "Unavailable", "warm-up"));
      await(r.latest(lag("warm-up")));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    direct.close();
    proxy.close();
    aws.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fresh() {
    proxy.clear();
    proxy.intercept(f -> null);
    readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofHours(1), 5, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    readers.close();
  }

  /** Puts {@code value} for {@code AWS/RDS ReplicaLag} of {@code instance} at {@code at}, into moto. */
  static void putLag(CloudWatchAsyncClient cw, String instance, double value, Instant at) throws Exception {
    cw.putMetricData(r -> r.namespace("AWS/RDS").metricData(MetricDatum.builder().metricName("ReplicaLag")
        .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(instance).build())
        .value(value).timestamp(at).build())).get(10, TimeUnit.SECONDS);
  }

  static MetricQuery lag(String instance) {
    return MetricQuery.maxPerMinute("AWS/RDS", "ReplicaLag", Map.of("DBInstanceIdentifier", instance));
  }

  private CloudWatchReader reader() {
    return readers.reader(new AwsEndpoint(REGION, Optional.of(proxy.endpoint())));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  @Test
  void newestDatapointWithItsOwnTimestampAndMissingIsEmptyNotZero() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    putLag(direct, "newest-1", 5, now.minusSeconds(180));
    putLag(direct, "newest-1", 7, now.minusSeconds(60));
    CloudWatchReader reader = reader();
    reader.register(lag("newest-1"));
    reader.register(lag("never-published"));

    Optional<Datapoint> got = await(reader.latest(lag("newest-1")));
    assertThat(got).map(Datapoint::value).contains(7.0);
    assertThat(got.get().at()).isEqualTo(now.minusSeconds(60));
    assertThat(await(reader.latest(lag("never-published")))).isEmpty();

    List<Map<String, String>> calls = proxy.requests("GetMetricData");
    assertThat(calls).hasSize(1);
    assertThat(calls.get(0)).containsEntry("ScanBy", "TimestampDescending")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Stat", "Maximum")
        .containsEntry("MetricDataQueries.member.1.MetricStat.Period", "60");
    Instant start = Instant.parse(calls.get(0).get("StartTime"));
    Instant end = Instant.parse(calls.get(0).get("EndTime"));
    assertThat(Duration.between(start, end)).as("window: five periods").isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void datapointOlderThanTheWindowIsMissing() throws Exception {
    putLag(direct, "old-1", 3, Instant.now().minus(Duration.ofMinutes(20)));
    CloudWatchReader reader = reader();
    reader.register(lag("old-1"));
    assertThat(await(reader.latest(lag("old-1")))).isEmpty();
  }

  @Test
  void twelveHundredQueriesGoInExactlyThreeCallsPerInterval() throws Exception {
    CloudWatchReader reader = reader();
    IntStream.range(0, 1200).forEach(i -> reader.register(lag("fleet-" + i)));
    reader.register(lag("fleet-7")); // a second channel reading the same metric: requested once
    putLag(direct, "fleet-1150", 42, Instant.now().minusSeconds(30));

    assertThat(await(reader.latest(lag("fleet-1150")))).map(Datapoint::value).contains(42.0);

    List<Map<String, String>> calls = proxy.requests("GetMetricData");
    assertThat(calls).hasSize(3);
    assertThat(calls.stream().map(f -> QueryProtocolProxy.members(f, "MetricDataQueries")).sorted().toList())
        .containsExactly(200, 500, 500);
    assertThat(reader.queryCount()).isEqualTo(1200);
    // This reader polls hourly: 720 polls in a 30-day month (at the default 60 s it is 43,200).
    assertThat(readers.metricsPerMonth()).isEqualTo(1200L * 720);
    assertThat(readers.costPerMonthUsd()).isCloseTo(8.64, org.assertj.core.data.Offset.offset(0.0001));
  }

  @Test
  void throttledCallIsRetriedThenSucceeds() throws Exception {
    putLag(direct, "throttled-1", 9, Instant.now().minusSeconds(30));
    java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
    proxy.intercept(f -> "GetMetricData".equals(f.get("Action")) && n.incrementAndGet() <= 2
        ? QueryProtocolProxy.error(400, NS, "Throttling", "Rate exceeded") : null);
    CloudWatchReader reader = reader();
    reader.register(lag("throttled-1"));

    assertThat(await(reader.latest(lag("throttled-1")))).map(Datapoint::value).contains(9.0);
    assertThat(proxy.requests("GetMetricData")).hasSize(3);
    assertThat(reader.lastError()).isEmpty();
  }

  @Test
  void persistentFailureKeepsNothingAndSaysWhy() throws Exception {
    proxy.intercept(f -> QueryProtocolProxy.error(503, NS, "ServiceUnavailable", "down for a drill"));
    CloudWatchReader reader = reader();
    reader.register(lag("down-1"));

    assertThat(await(reader.latest(lag("down-1")))).isEmpty();
    assertThat(proxy.requests("GetMetricData")).hasSize(4);
    assertThat(reader.lastError()).contains("GetMetricData", "4 attempts", "ServiceUnavailable");
  }

  @Test
  void followsNextTokenAndKeepsTheNewestAcrossPages() throws Exception {
    Instant recent = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
    putLag(direct, "paged-1", 11, recent);
    Instant older = recent.minusSeconds(120);
    proxy.intercept(f -> "GetMetricData".equals(f.get("Action")) && !f.containsKey("NextToken")
        ? page(f.get("MetricDataQueries.member.1.Id"), older, 99) : null);
    CloudWatchReader reader = reader();
    reader.register(lag("paged-1"));

    assertThat(await(reader.latest(lag("paged-1")))).contains(new Datapoint(11, recent));
    List<Map<String, String>> calls = proxy.requests("GetMetricData");
    assertThat(calls).hasSize(2);
    assertThat(calls.get(1)).containsEntry("NextToken", "page-2");
  }

  @Test
  void pollsOnItsTimerOncePerInterval() throws Exception {
    readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofMillis(300), 5, Clock.systemUTC());
    CloudWatchReader reader = reader();
    reader.register(lag("timer-1"));
    reader.register(lag("timer-2"));
    await(reader.latest(lag("timer-1")));
    Await.until(Duration.ofSeconds(10), () -> proxy.requests("GetMetricData").size() >= 3);
    assertThat(proxy.requests("GetMetricData")).allSatisfy(f ->
        assertThat(QueryProtocolProxy.members(f, "MetricDataQueries")).isEqualTo(2));
  }

  private static QueryProtocolProxy.Canned page(String id, Instant at, double value) {
    return new QueryProtocolProxy.Canned(200, "<GetMetricDataResponse xmlns=\"" + NS + "\"><GetMetricDataResult>"
        + "<MetricDataResults><member><Id>" + id + "</Id><Label>ReplicaLag</Label>"
        + "<Timestamps><member>" + at + "</member></Timestamps><Values><member>" + value + "</member></Values>"
        + "<StatusCode>PartialData</StatusCode></member></MetricDataResults><NextToken>page-2</NextToken>"
        + "<Messages/></GetMetricDataResult><ResponseMetadata><RequestId>p1</RequestId></ResponseMetadata>"
        + "</GetMetricDataResponse>");
  }
}
