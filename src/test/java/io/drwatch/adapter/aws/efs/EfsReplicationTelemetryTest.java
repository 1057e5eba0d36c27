package io.drwatch.adapter.aws.efs;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopedChannel;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.efs.EfsAsyncClient;

/**
 * The efs channel through the real probe loop and tracker, against {@link EfsDescribeFake} (moto has no
 * EFS replication). Rounds every 200 ms; stalled after 3 frozen intervals.
 */
class EfsReplicationTelemetryTest {
  private static final String SRC = "fs-0123456789abcdef0";
  private static final String DST = "fs-0fedcba9876543210";
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static final Duration WAIT = Duration.ofSeconds(10);

  private static Vertx vertx;
  private static AwsClients aws;
  private static AwsClients slowAws;
  private EfsDescribeFake efs;
  private LoopedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    aws = AwsClients.create(AwsSettings.DEFAULT, creds);
    slowAws = AwsClients.create(new AwsSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(500), 4, 1), creds);
    warmUp();
  }

  // A cold JVM loads the SDK and the tracker's classes in the first rounds (slow, and on the event
  // loop); the daemon does this before its loops start, so the tests do it before theirs.
  private static void warmUp() throws Exception {
    EfsReplicationTelemetryTest warm = new EfsReplicationTelemetryTest();
    warm.fake();
    warm.efs.synced(SRC, Instant.now());
    warm.watch(aws, Duration.ofMinutes(1)).awaitRounds(3, Duration.ofSeconds(30));
    warm.close();
  }

  @AfterAll
  static void stop() {
    aws.close();
    slowAws.close();
    vertx.close().await();
  }

  @BeforeEach
  void fake() throws Exception {
    efs = new EfsDescribeFake();
    efs.replicate(SRC, DST, "us-west-2");
  }

  @AfterEach
  void close() throws Exception {
    if (channel != null) {
      channel.close();
    }
    assertThat(efs.unexpected()).isEmpty();
    efs.close();
  }

  private LoopedChannel watch(AwsClients clients, Duration rpoObjective) {
    return watch(clients, rpoObjective, SRC);
  }

  private LoopedChannel watch(AwsClients clients, Duration rpoObjective, String fileSystem) {
    EfsAsyncClient client = clients.configure(EfsAsyncClient.builder(),
        new AwsEndpoint("us-east-1", Optional.of(efs.endpoint()))).build();
    EfsReplicationTelemetry telemetry = new EfsReplicationTelemetry(vertx, client, fileSystem);
    ChannelSpec spec = new ChannelSpec("files", ChannelKind.EFS, INTERVAL, rpoObjective, 3);
    channel = LoopedChannel.start(vertx, spec, new ManagedChannelProbe(telemetry, Optional.empty(), Clock.systemUTC()),
        Duration.ofSeconds(3));
    return channel;
  }

  @Test
  void shouldReportTheAgeOfLastReplicatedTimestampAsRpo() {
    Instant synced = Instant.now().minusSeconds(90).truncatedTo(ChronoUnit.MILLIS);
    efs.synced(SRC, synced);
    ChannelStatus s = watch(aws, Duration.ofMinutes(15)).awaitCondition(ChannelCondition.HEALTHY, WAIT);
    assertThat(s.rpo().orElseThrow()).isBetween(Duration.ofSeconds(90), Duration.ofSeconds(91));
    assertThat(s.reported().orElseThrow().at()).isEqualTo(synced);
    assertThat(s.reported().orElseThrow().source()).contains("LastReplicatedTimestamp").contains(DST);
    assertThat(efs.requests()).first().isEqualTo("GET " + EfsDescribeFake.PATH + "?FileSystemId=" + SRC);
  }

  @Test
  void shouldGrowRpoAndStallWhileNoSyncCompletesThenRecover() {
    efs.synced(SRC, Instant.now().minusSeconds(5));
    LoopedChannel ch = watch(aws, Duration.ofMinutes(15));
    Duration first = ch.awaitRounds(1, WAIT).rpo().orElseThrow();
    Duration later = ch.awaitRounds(2, WAIT).rpo().orElseThrow();
    assertThat(later).isGreaterThan(first);
    ChannelStatus stalled = ch.awaitCondition(ChannelCondition.STALLED, WAIT);
    assertThat(stalled.verdict()).contains("unchanged");
    efs.synced(SRC, Instant.now());
    ChannelStatus healthy = ch.awaitCondition(ChannelCondition.HEALTHY, WAIT);
    assertThat(healthy.rpo().orElseThrow()).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void shouldBeLaggingWhenTheLastSyncIsOlderThanTheObjective() {
    efs.synced(SRC, Instant.now().minus(Duration.ofMinutes(20)));
    ChannelStatus s = watch(aws, Duration.ofMinutes(15)).awaitCondition(ChannelCondition.LAGGING, WAIT);
    assertThat(s.rpo().orElseThrow()).isGreaterThan(Duration.ofMinutes(20));
  }

  @Test
  void shouldBeUnknownDuringTheInitialSync() {
    ChannelStatus s = watch(aws, Duration.ofMinutes(15)).awaitRounds(2, WAIT);
    assertThat(s.condition()).isEqualTo(ChannelCondition.UNKNOWN);
    assertThat(s.rpo()).isEmpty();
    assertThat(s.verdict()).contains("ENABLING").contains("no LastReplicatedTimestamp yet");
  }

  @Test
  void shouldBeBrokenWhenReplicationErrorsOrPausesAndKeepGrowingRpo() {
    efs.synced(SRC, Instant.now().minusSeconds(30));
    LoopedChannel ch = watch(aws, Duration.ofMinutes(15));
    ch.awaitCondition(ChannelCondition.HEALTHY, WAIT);
    efs.status(SRC, "PAUSED", "The IAM role lacks permission to write to the destination");
    ChannelStatus paused = ch.awaitCondition(ChannelCondition.BROKEN, WAIT);
    assertThat(paused.verdict()).contains("PAUSED").contains("lacks permission").contains(DST);
    assertThat(paused.rpo().orElseThrow()).isGreaterThan(Duration.ofSeconds(30));
    efs.status(SRC, "ERROR", "Destination file system deleted");
    Await.until(WAIT, () -> ch.status().verdict().contains("is ERROR: Destination file system deleted"));
    assertThat(ch.status().condition()).isEqualTo(ChannelCondition.BROKEN);
  }

  @Test
  void shouldBeBrokenWithoutAReplicationConfiguration() {
    efs.deleteReplication(SRC);
    ChannelStatus s = watch(aws, Duration.ofMinutes(15)).awaitCondition(ChannelCondition.BROKEN, WAIT);
    assertThat(s.verdict()).contains("no replication configuration for " + SRC);
  }

  @Test
  void shouldReportAnUnknownFileSystemAsUnreachableAtOnce() {
    String gone = "fs-00000000000000bad";
    ChannelStatus s = watch(aws, Duration.ofMinutes(15), gone)
        .awaitCondition(ChannelCondition.REPLICA_UNREACHABLE, WAIT);
    assertThat(s.verdict()).contains("efs DescribeReplicationConfigurations " + gone + " failed: FileSystemNotFound");
    assertThat(efs.requests()).hasSize((int) s.rounds()); // 4xx: not retried
  }

  @Test
  void shouldRetryThrottlingWithinTheRound() {
    efs.synced(SRC, Instant.now());
    efs.throttleNext(1);
    ChannelStatus s = watch(aws, Duration.ofMinutes(15)).awaitRounds(1, WAIT);
    assertThat(s.condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(efs.requests()).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void shouldFailTheRoundAfterBoundedAttemptsOnPersistent5xx() {
    efs.synced(SRC, Instant.now());
    efs.failNext(1000);
    ChannelStatus s = watch(aws, Duration.ofMinutes(15)).awaitCondition(ChannelCondition.REPLICA_UNREACHABLE, WAIT);
    assertThat(s.verdict()).contains("failed after 2 attempts: InternalServerError (HTTP 500)");
  }

  @Test
  void shouldFailASlowAnswerWithinTheRound() {
    efs.synced(SRC, Instant.now());
    efs.delay(Duration.ofSeconds(2));
    ChannelStatus s = watch(slowAws, Duration.ofMinutes(15))
        .awaitCondition(ChannelCondition.REPLICA_UNREACHABLE, WAIT);
    assertThat(s.verdict()).contains("failed after 2 attempts").containsIgnoringCase("timeout");
    assertThat(s.lastProbe()).isLessThan(Duration.ofSeconds(3));
  }
}
