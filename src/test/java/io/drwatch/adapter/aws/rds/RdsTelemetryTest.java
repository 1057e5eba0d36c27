package io.drwatch.adapter.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReader;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.postgres.PgHeartbeatProbe;
import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.channel.ChannelTracker;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.Outcome;
import io.drwatch.lab.PostgresPair;
import io.drwatch.port.ChannelProbe;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/**
 * The rds channel: DescribeDBInstances from moto (a real read replica of a real source instance),
 * ReplicaLag datapoints put into moto's CloudWatch (moto emits none), the verdict from the real
 * tracker; and a real PostgreSQL pair with an apply delay as the canary that catches a metric
 * reporting 0.
 */
@ExtendWith(PostgresPairExtension.class)
class RdsTelemetryTest {
  private static final String REGION = "us-east-1";
  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static RdsAsyncClient rds;
  private static CloudWatchAsyncClient cw;
  private static CloudWatchReaders readers;
  private static CloudWatchReader reader;

  @BeforeAll
  static void start(PostgresPair pg) throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    AwsEndpoint endpoint = new AwsEndpoint(REGION, Optional.of(moto.endpoint()));
    rds = aws.configure(RdsAsyncClient.builder(), endpoint).build();
    cw = aws.configure(CloudWatchAsyncClient.builder(), endpoint).build();
    rds.createDBInstance(r -> r.dbInstanceIdentifier("orders-src").engine("postgres").dbInstanceClass("db.t3.micro")
        .allocatedStorage(20).masterUsername("admin1").masterUserPassword("password123")).get(20, TimeUnit.SECONDS);
    for (String replica : new String[] {"orders-dr", "orders-dr-missing", "orders-dr-stale", "orders-dr-broken", "orders-dr-canary"}) {
      rds.createDBInstanceReadReplica(r -> r.dbInstanceIdentifier(replica).sourceDBInstanceIdentifier("orders-src"))
          .get(20, TimeUnit.SECONDS);
    }
    // 1-second high-resolution points and a 30 s window, so a test can make a datapoint "now".
    readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofMillis(300), 30, Clock.systemUTC());
    reader = readers.reader(endpoint);
    // Warm-up outside the tests: the first SDK, pg-client and reader round loads classes on the loop.
    canary = PgHeartbeatProbe.create(vertx, canaryConfig(pg));
    round(probe("orders-dr", Optional.of(canary)), tracker(Duration.ofSeconds(1)));
  }

  private static ChannelProbe canary;

  private static ChannelConfig canaryConfig(PostgresPair pg) {
    return new ChannelConfig("orders", ChannelKind.RDS, Optional.of(new Endpoint(pg.primaryUrl(), Optional.empty())),
        Optional.of(new Endpoint(pg.standbyUrl(), Optional.empty())),
        new HeartbeatConfig(Duration.ofMillis(500), Duration.ofSeconds(5), "drwatch_heartbeat", "orders", 3),
        Duration.ofSeconds(30), Map.of("region", REGION, "instance", "orders-dr-canary"));
  }

  @AfterAll
  static void stop() throws Exception {
    readers.close();
    rds.close();
    cw.close();
    aws.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static ChannelProbe probe(String instance, Optional<ChannelProbe> canary) {
    RdsTelemetry telemetry = new RdsTelemetry(vertx, rds, reader, instance, Duration.ofSeconds(1));
    return new ManagedChannelProbe(telemetry, canary, Clock.systemUTC());
  }

  private static ChannelTracker tracker(Duration interval) {
    return new ChannelTracker(new ChannelSpec("orders", ChannelKind.RDS, interval, Duration.ofSeconds(30), 3), Instant.now());
  }

  static void putLag(String instance, double value, Instant at) throws Exception {
    cw.putMetricData(r -> r.namespace("AWS/RDS").metricData(MetricDatum.builder().metricName("ReplicaLag")
        .dimensions(Dimension.builder().name("DBInstanceIdentifier").value(instance).build())
        .storageResolution(1).value(value).timestamp(at).build())).get(10, TimeUnit.SECONDS);
  }

  /** One probe round as ProbeLoop runs it (replica read, then heartbeat write), on a Vert.x context. */
  static ChannelStatus round(ChannelProbe probe, ChannelTracker tracker) throws Exception {
    Promise<ChannelStatus> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> outcome(probe.readReplica())
        .compose(replica -> outcome(probe.writeHeartbeat())
            .map(primary -> tracker.accept(new LagSample(Instant.now(), replica, primary, Duration.ZERO)).status()))
        .onComplete(done));
    return done.future().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private static <T> Future<Outcome<T>> outcome(Future<T> f) {
    return f.map(Outcome::ok).otherwise(e -> Outcome.failed(e.getMessage()));
  }

  /** Rounds until the reader has polled after the datapoint went in. */
  private static ChannelStatus awaitStatus(ChannelProbe probe, ChannelTracker tracker,
      java.util.function.Predicate<ChannelStatus> ok) {
    AtomicReference<ChannelStatus> last = new AtomicReference<>();
    Await.until(Duration.ofSeconds(15), "status " + last, () -> {
      last.set(round(probe, tracker));
      return ok.test(last.get());
    });
    return last.get();
  }

  @Test
  void freshLagIsTheRpo() throws Exception {
    putLag("orders-dr", 2, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    ChannelTracker t = tracker(Duration.ofSeconds(1));
    ChannelStatus s = awaitStatus(probe("orders-dr", Optional.empty()), t, x -> x.reported().isPresent());
    assertThat(s.condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.rpo().orElseThrow()).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(6));
  }

  @Test
  void minusOneIsBroken() throws Exception {
    putLag("orders-dr-broken", -1, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    ChannelStatus s = awaitStatus(probe("orders-dr-broken", Optional.empty()), tracker(Duration.ofSeconds(1)),
        x -> x.condition() == ChannelCondition.BROKEN);
    assertThat(s.verdict()).contains("ReplicaLag = -1", "not running");
  }

  @Test
  void noDatapointIsUnknownNeverZero() throws Exception {
    ChannelStatus s = round(probe("orders-dr-missing", Optional.empty()), tracker(Duration.ofSeconds(1)));
    assertThat(s.condition()).isEqualTo(ChannelCondition.UNKNOWN);
    assertThat(s.rpo()).isEmpty();
  }

  @Test
  void staleDatapointMakesTheEffectiveLagGrow() throws Exception {
    Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(20);
    putLag("orders-dr-stale", 1, at);
    ChannelTracker t = tracker(Duration.ofSeconds(1));
    ChannelProbe p = probe("orders-dr-stale", Optional.empty());
    ChannelStatus first = awaitStatus(p, t, x -> x.reported().isPresent());
    assertThat(first.reported().get().reported()).isEqualTo(Duration.ofSeconds(1));
    assertThat(first.rpo().orElseThrow()).isGreaterThanOrEqualTo(Duration.ofSeconds(20));
    ChannelStatus later = awaitStatus(p, t, x -> x.rpo().orElseThrow().compareTo(first.rpo().get().plusSeconds(1)) > 0);
    assertThat(later.rpo().orElseThrow()).isGreaterThan(Duration.between(at, Instant.now()).minusSeconds(2));
  }

  @Test
  void aReplicaThatWasPromotedIsBroken() throws Exception {
    putLag("orders-src", 0, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    ChannelStatus s = round(probe("orders-src", Optional.empty()), tracker(Duration.ofSeconds(1)));
    assertThat(s.condition()).isEqualTo(ChannelCondition.BROKEN);
    assertThat(s.verdict()).contains("no longer a read replica");
  }

  @Test
  void canaryContradictsAMetricThatSaysZero(PostgresPair pg) throws Exception {
    pg.setApplyDelay(Duration.ofSeconds(6));
    ChannelProbe p = probe("orders-dr-canary", Optional.of(canary));
    ChannelTracker t = tracker(Duration.ofMillis(500));
    try {
      AtomicReference<ChannelStatus> last = new AtomicReference<>();
      Await.until(Duration.ofSeconds(40), "lying telemetry flagged, last " + last, () -> {
        putLag("orders-dr-canary", 0, Instant.now().truncatedTo(ChronoUnit.SECONDS)); // the metric insists: 0 s
        last.set(round(p, t));
        return last.get().telemetryContradicted();
      });
      // The metric said 0 s at most ~1 s ago; the canary saw more loss than that plus one interval.
      ChannelStatus s = last.get();
      assertThat(s.reported().orElseThrow().reported()).isZero();
      Duration bound = Duration.between(s.reported().get().at(), s.updatedAt()).plus(Duration.ofMillis(500));
      assertThat(s.rpo().orElseThrow()).isGreaterThan(bound);
      assertThat(s.verdict()).isNotBlank();
    } finally {
      p.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      pg.setApplyDelay(Duration.ZERO);
    }
  }
}
