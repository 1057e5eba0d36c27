package io.drwatch.adapter.aws.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopedChannel;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ReplicationRuleStatus;

/**
 * The s3 channel end to end against a real moto (buckets in us-east-1 and us-west-2, PutObject,
 * GetObject, HeadObject, versioning, Put/GetBucketReplication), through the real probe loop and
 * tracker. {@link TestReplicator} plays the replication moto lacks, with a controlled delay.
 */
class S3CanaryProbeTest {
  private static final String SRC = "drwatch-src";
  private static final String DST = "drwatch-dst";
  private static final String RULE = "drwatch-canary";
  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static TestReplicator replicator;
  private LoopedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    S3AsyncClient east = S3CanaryProbe.client(aws, new AwsEndpoint("us-east-1", Optional.of(moto.endpoint())));
    S3AsyncClient west = S3CanaryProbe.client(aws, new AwsEndpoint("us-west-2", Optional.of(moto.endpoint())));
    east.createBucket(r -> r.bucket(SRC)).join();
    west.createBucket(r -> r.bucket(DST).createBucketConfiguration(c -> c
        .locationConstraint(BucketLocationConstraint.US_WEST_2))).join();
    east.putBucketVersioning(r -> r.bucket(SRC).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)))
        .join();
    west.putBucketVersioning(r -> r.bucket(DST).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)))
        .join();
    east.putBucketReplication(r -> r.bucket(SRC).replicationConfiguration(c -> c
        .role("arn:aws:iam::123456789012:role/s3-crr")
        .rules(rule -> rule.id(RULE).priority(1).status(ReplicationRuleStatus.ENABLED)
            .filter(f -> f.prefix("drwatch/"))
            .deleteMarkerReplication(d -> d.status("Disabled"))
            .destination(d -> d.bucket("arn:aws:s3:::" + DST))))).join();
    replicator = new TestReplicator(moto.endpoint(), east, SRC, DST);
    warmUp();
  }

  // A cold JVM loads the SDK and the tracker's classes in the first rounds (slow, and on the event
  // loop); the daemon does this before its loops start, so the test does it before its tests.
  private static void warmUp() throws Exception {
    S3CanaryProbeTest warm = new S3CanaryProbeTest();
    warm.watch("warm-up", Optional.of(RULE), 4).awaitRounds(4, Duration.ofSeconds(60));
    warm.close();
  }

  @AfterAll
  static void stop() {
    replicator.close();
    aws.close();
    moto.close();
    vertx.close().await();
  }

  @AfterEach
  void close() throws Exception {
    if (channel != null) {
      channel.close();
    }
  }

  private LoopedChannel watch(String name, Optional<String> rule, int stallIntervals) {
    return watch(name, DST, rule, stallIntervals);
  }

  private LoopedChannel watch(String name, String destinationBucket, Optional<String> rule, int stallIntervals) {
    AwsEndpoint proxied = new AwsEndpoint("us-east-1", Optional.of(replicator.endpoint()));
    S3CanaryProbe probe = new S3CanaryProbe(vertx, S3CanaryProbe.client(aws, proxied),
        S3CanaryProbe.client(aws, new AwsEndpoint("us-west-2", Optional.of(replicator.endpoint()))),
        new S3CanaryProbe.Target(SRC, destinationBucket, "drwatch/canary/" + name, rule), Clock.systemUTC());
    ChannelSpec spec = new ChannelSpec(name, ChannelKind.S3, INTERVAL, Duration.ofSeconds(5), stallIntervals);
    channel = LoopedChannel.start(vertx, spec, probe, Duration.ofSeconds(3));
    return channel;
  }

  @Test
  void shouldReportTheReplicationDelayAsRpoWithinOneInterval() {
    Duration delay = Duration.ofMillis(1250);
    replicator.run(delay);
    LoopedChannel ch = watch("delayed", Optional.of(RULE), 6);
    ch.awaitCondition(ChannelCondition.HEALTHY, WAIT);
    ch.awaitRounds(2, WAIT);
    List<ChannelStatus> rounds = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      rounds.add(ch.awaitRounds(1, WAIT));
    }
    List<Duration> rpo = rounds.stream().map(r -> r.rpo().orElseThrow()).toList();
    List<Duration> lower = rounds.stream().map(r -> r.rpoLower().orElseThrow()).toList();
    System.out.printf("s3 replicator delay %d ms, interval %d ms: rpo %s, lower bound %s%n", delay.toMillis(),
        INTERVAL.toMillis(), rpo.stream().map(Duration::toMillis).toList(),
        lower.stream().map(Duration::toMillis).toList());
    // A copy lands `delay` after its writer time; a round sees the newest landed one and compares it
    // with the heartbeat it writes next. The newest landed copy is at most one write gap (one
    // interval, give or take the rounds' jitter) older than `delay`: every sample, not the median.
    // The lower bound, from the oldest heartbeat not yet landed, never exceeds the delay.
    Duration slack = Duration.ofMillis(20);
    Duration jitter = Duration.ofMillis(50);
    assertThat(rpo).allSatisfy(r -> assertThat(r).isBetween(delay.minus(slack), delay.plus(INTERVAL).plus(jitter)));
    assertThat(lower).allSatisfy(l -> assertThat(l).isLessThanOrEqualTo(delay.plus(slack)));
    ChannelStatus s = ch.status();
    assertThat(s.condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.replicaLink()).isEqualTo(LinkState.UP);
  }

  @Test
  void shouldShowGrowingRpoThenStalledWhenReplicationStops() {
    replicator.run(Duration.ZERO);
    LoopedChannel ch = watch("stopping", Optional.empty(), 4);
    ch.awaitCondition(ChannelCondition.HEALTHY, WAIT);
    replicator.stop();
    Duration first = ch.awaitRounds(2, WAIT).rpo().orElseThrow();
    Duration later = ch.awaitRounds(2, WAIT).rpo().orElseThrow();
    assertThat(later).isGreaterThan(first.plus(INTERVAL));
    ChannelStatus stalled = ch.awaitCondition(ChannelCondition.STALLED, WAIT);
    System.out.printf("s3 replicator stopped: rpo %d ms -> %d ms, then %s%n", first.toMillis(), later.toMillis(),
        stalled.verdict());
    assertThat(stalled.verdict()).contains("unchanged");
    replicator.run(Duration.ZERO);
    ch.awaitCondition(ChannelCondition.HEALTHY, WAIT);
  }

  @Test
  void shouldBeBrokenWhenS3MarksTheCanaryFailed() {
    replicator.run(Duration.ZERO);
    LoopedChannel ch = watch("failing", Optional.empty(), 6);
    ch.awaitCondition(ChannelCondition.HEALTHY, WAIT);
    replicator.fail();
    ChannelStatus broken = ch.awaitCondition(ChannelCondition.BROKEN, WAIT);
    assertThat(broken.verdict()).contains("replication FAILED").contains("s3://" + SRC + "/drwatch/canary/failing");
  }

  @Test
  void shouldBeBrokenWhenNoRuleCoversTheCanary() {
    replicator.untracked();
    ChannelStatus broken = watch("untracked", Optional.empty(), 6).awaitCondition(ChannelCondition.BROKEN, WAIT);
    assertThat(broken.verdict()).contains("no x-amz-replication-status");
  }

  @Test
  void shouldBeBrokenWhenTheNamedRuleIsMissing() {
    replicator.run(Duration.ZERO);
    ChannelStatus broken = watch("wrong-rule", Optional.of("no-such-rule"), 6)
        .awaitCondition(ChannelCondition.BROKEN, WAIT);
    assertThat(broken.verdict()).contains("replication rule no-such-rule not in bucket " + SRC).contains(RULE);
  }

  @Test
  void shouldReportAMissingDestinationBucketAsReplicaUnreachable() {
    replicator.run(Duration.ZERO);
    ChannelStatus s = watch("no-bucket", "drwatch-nowhere", Optional.empty(), 6)
        .awaitCondition(ChannelCondition.REPLICA_UNREACHABLE, WAIT);
    assertThat(s.verdict()).contains("s3 GetObject s3://drwatch-nowhere/drwatch/canary/no-bucket failed: NoSuchBucket");
  }

  @Test
  void shouldNotSeeAHeartbeatBeforeTheFirstCopyLands() {
    replicator.stop();
    ChannelStatus s = watch("never", Optional.empty(), 6).awaitRounds(3, WAIT);
    assertThat(s.condition()).isEqualTo(ChannelCondition.UNKNOWN);
    assertThat(s.rpo()).isEmpty();
    Await.until(WAIT, () -> s.primarySeq() > 0);
  }
}
