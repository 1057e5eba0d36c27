package io.drwatch.adapter.aws.elasticache;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake.Request;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.elasticache.FakeElastiCache.Member;
import io.drwatch.adapter.redis.RedisHeartbeatProbe;
import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.lab.RedisPair;
import io.drwatch.port.ChannelProbe;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopedChannel;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.RedisPairExtension;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;

/**
 * The elasticache-global channel run by the real ProbeLoop: DescribeGlobalReplicationGroups from
 * {@link FakeElastiCache} (moto lacks Global Datastore), GlobalDatastoreReplicationLag put into
 * moto's CloudWatch per node and per region as AWS publishes it, and a real Redis pair as the canary.
 */
@ExtendWith(RedisPairExtension.class)
class ElastiCacheGlobalTelemetryTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static CloudWatchReaders readers;
  private static FakeElastiCache fake;
  private static ElastiCacheAsyncClient client;
  private LoopedChannel channel;

  @BeforeAll
  static void start(RedisPair redis) throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = AwsClients.create(AwsSettings.DEFAULT, StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    fake = new FakeElastiCache();
    client = aws.configure(ElastiCacheAsyncClient.builder(), new AwsEndpoint("us-east-1", Optional.of(fake.endpoint()))).build();
    // 1-second high-resolution points and a 30 s window, so a test can make a datapoint "now".
    readers = new CloudWatchReaders(vertx, () -> aws, Duration.ofMillis(300), 30, Clock.systemUTC());
    // Warm-up outside the tests: the first SDK, Redis client and reader rounds load classes on the loop.
    fake.addGroup("warm", new Member("warm-east", "us-east-1", "PRIMARY"), new Member("warm-west", "us-west-2", "SECONDARY"));
    try (LoopedChannel warm = LoopedChannel.start(vertx, spec("warm"), probe("warm", List.of(),
        Optional.of(RedisHeartbeatProbe.create(vertx, canaryConfig("warm", redis)))), Duration.ofSeconds(5))) {
      warm.awaitRounds(3, Duration.ofSeconds(60));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    readers.close();
    client.close();
    fake.close();
    aws.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void closeChannel() throws Exception {
    if (channel != null) {
      channel.close();
    }
  }

  private static ChannelSpec spec(String name) {
    return new ChannelSpec(name, ChannelKind.ELASTICACHE_GLOBAL, Duration.ofMillis(500), Duration.ofSeconds(30), 20);
  }

  private static ChannelConfig canaryConfig(String group, RedisPair redis) {
    return new ChannelConfig(group, ChannelKind.ELASTICACHE_GLOBAL,
        Optional.of(new Endpoint(redis.primaryUrl(), Optional.empty())),
        Optional.of(new Endpoint(redis.replicaUrl(), Optional.empty())),
        new HeartbeatConfig(Duration.ofMillis(500), Duration.ofSeconds(5), "drwatch_heartbeat", group, 3),
        Duration.ofSeconds(30), Map.of("region", "us-east-1", "globalReplicationGroup", group));
  }

  private static ChannelProbe probe(String group, List<String> nodes, Optional<ChannelProbe> canary) {
    ElastiCacheGlobalTelemetry t = new ElastiCacheGlobalTelemetry(vertx, client,
        region -> aws.configure(ElastiCacheAsyncClient.builder(), new AwsEndpoint(region, Optional.of(fake.endpoint())))
            .build(), readers, group, nodes,
        new AwsEndpoint("us-east-1", Optional.of(moto.endpoint())), Duration.ofSeconds(1));
    return new ManagedChannelProbe(t, canary, Clock.systemUTC());
  }

  private LoopedChannel watch(String group, List<String> nodes, Optional<ChannelProbe> canary) {
    channel = LoopedChannel.start(vertx, spec(group), probe(group, nodes, canary), Duration.ofSeconds(5));
    return channel;
  }

  static void putLag(String region, String node, double seconds) throws Exception {
    try (CloudWatchAsyncClient cw = aws.configure(CloudWatchAsyncClient.builder(),
        new AwsEndpoint(region, Optional.of(moto.endpoint()))).build()) {
      cw.putMetricData(r -> r.namespace("AWS/ElastiCache").metricData(MetricDatum.builder()
          .metricName("GlobalDatastoreReplicationLag")
          .dimensions(Dimension.builder().name("CacheClusterId").value(node).build())
          .storageResolution(1).value(seconds).timestamp(Instant.now().truncatedTo(ChronoUnit.SECONDS)).build()))
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static ChannelStatus awaitStatus(LoopedChannel ch, String what, java.util.function.Predicate<ChannelStatus> ok) {
    Await.until(WAIT, what + " (now " + ch.status().condition() + ": " + ch.status().verdict() + ")",
        () -> ok.test(ch.status()));
    return ch.status();
  }

  @Test
  void lagOfTheSecondarysPrimaryNodeInItsOwnRegionIsTheRpo() throws Exception {
    fake.addGroup("sessions", new Member("sessions-east", "us-east-1", "PRIMARY"),
        new Member("sessions-west", "us-west-2", "SECONDARY"));
    putLag("us-east-1", "sessions-west-001", 9); // the same node id in the wrong region must not be read
    putLag("us-west-2", "sessions-west-001", 0.4);
    ChannelStatus s = awaitStatus(watch("sessions", List.of(), Optional.empty()), "a reported lag",
        x -> x.reported().isPresent());
    assertThat(s.reported().get().reported()).isEqualTo(Duration.ofMillis(400));
    assertThat(s.reported().get().source()).isEqualTo(ElastiCacheGlobalTelemetry.SOURCE);
    assertThat(s.condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.rpo().orElseThrow()).isBetween(Duration.ofMillis(400), Duration.ofSeconds(4));
    List<Map<String, String>> describes = fake.requests().stream().map(Request::form)
        .filter(f -> "sessions".equals(f.get("GlobalReplicationGroupId"))).toList();
    assertThat(describes).isNotEmpty().allSatisfy(f -> assertThat(f)
        .containsEntry("Action", "DescribeGlobalReplicationGroups").containsEntry("ShowMemberInfo", "true"));
  }

  @Test
  void noDatapointIsUnknownNeverZero() throws Exception {
    fake.addGroup("carts", new Member("carts-east", "us-east-1", "PRIMARY"),
        new Member("carts-west", "us-west-2", "SECONDARY"));
    LoopedChannel ch = watch("carts", List.of(), Optional.empty());
    ChannelStatus s = ch.awaitRounds(4, WAIT);
    assertThat(s.condition()).isEqualTo(ChannelCondition.UNKNOWN);
    assertThat(s.rpo()).isEmpty();
    assertThat(s.reported()).isEmpty();
  }

  @Test
  void aDatastoreModifyingStaysUpButAMemberNotAssociatedIsBroken() throws Exception {
    fake.addGroup("orders", new Member("orders-east", "us-east-1", "PRIMARY"),
        new Member("orders-west", "us-west-2", "SECONDARY"));
    fake.groupStatus("orders", "modifying");
    putLag("us-west-2", "orders-west-001", 0.2);
    LoopedChannel ch = watch("orders", List.of(), Optional.empty());
    ChannelStatus up = awaitStatus(ch, "a reported lag", x -> x.reported().isPresent());
    assertThat(up.condition()).isEqualTo(ChannelCondition.HEALTHY);
    fake.memberStatus("orders", "orders-west", "disassociating");
    ChannelStatus broken = ch.awaitCondition(ChannelCondition.BROKEN, WAIT);
    assertThat(broken.verdict()).contains("orders-west (us-west-2, disassociating)");
  }

  @Test
  void rolesSwappedReadTheNewSecondarysNodeInItsRegion() throws Exception {
    fake.addGroup("swap", new Member("swap-east", "us-east-1", "PRIMARY"),
        new Member("swap-west", "us-west-2", "SECONDARY"));
    putLag("us-west-2", "swap-west-001", 0.2);
    int westBefore = readers.reader(new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()))).queryCount();
    LoopedChannel ch = watch("swap", List.of("swap-east-002"), Optional.empty());
    awaitStatus(ch, "west's lag", x -> x.reported().map(r -> r.reported().toMillis() == 200).orElse(false));

    fake.primary("swap", "swap-west");
    putLag("us-east-1", "swap-east-002", 1.5); // secondaryNode names the node to read on the east side
    ChannelStatus s = awaitStatus(ch, "east's lag", x -> x.reported().map(r -> r.reported().toMillis() == 1500).orElse(false));
    assertThat(s.condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(readers.reader(new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()))).queryCount())
        .as("west's queries unregistered").isEqualTo(westBefore);
  }

  @Test
  void everyNodeOfAClusterModeSecondaryIsReadAndTheWorstShardCounts() throws Exception {
    fake.addGroup("shards", new Member("shards-east", "us-east-1", "PRIMARY"),
        new Member("shards-west", "us-west-2", "SECONDARY").nodes("shards-west-0001-001", "shards-west-0001-002",
            "shards-west-0002-001", "shards-west-0002-002"));
    putLag("us-west-2", "shards-west-0001-001", 0.3);
    putLag("us-west-2", "shards-west-0002-001", 0.9);
    ChannelStatus s = awaitStatus(watch("shards", List.of(), Optional.empty()), "the worst shard's lag",
        x -> x.reported().map(r -> r.reported().toMillis() == 900).orElse(false));
    assertThat(s.condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(fake.requests().stream().filter(r -> "DescribeReplicationGroups".equals(r.form().get("Action"))
        && r.form().get("ReplicationGroupId").startsWith("shards-")))
        .as("the secondary's nodes, asked for in its own region").isNotEmpty().allSatisfy(r -> {
          assertThat(r.form()).containsEntry("ReplicationGroupId", "shards-west");
          assertThat(r.region()).isEqualTo("us-west-2");
        });
    assertThat(readers.reader(new AwsEndpoint("us-west-2", Optional.of(moto.endpoint()))).queryCount())
        .as("one query per node").isGreaterThanOrEqualTo(4);
  }

  @Test
  void aReplicaPromotedByMultiAzFailoverIsReadWithoutConfiguration() throws Exception {
    fake.addGroup("multiaz", new Member("multiaz-east", "us-east-1", "PRIMARY"),
        new Member("multiaz-west", "us-west-2", "SECONDARY"));
    putLag("us-west-2", "multiaz-west-002", 0.7); // -001 failed over inside us-west-2: -002 publishes now
    ChannelStatus s = awaitStatus(watch("multiaz", List.of(), Optional.empty()), "the new primary node's lag",
        x -> x.reported().isPresent());
    assertThat(s.reported().get().reported()).isEqualTo(Duration.ofMillis(700));
  }

  @Test
  void redisCanaryContradictsAMetricThatSaysZero(RedisPair redis) throws Exception {
    fake.addGroup("canary", new Member("canary-east", "us-east-1", "PRIMARY"),
        new Member("canary-west", "us-west-2", "SECONDARY"));
    LoopedChannel ch = watch("canary", List.of(),
        Optional.of(RedisHeartbeatProbe.create(vertx, canaryConfig("canary", redis))));
    putLag("us-west-2", "canary-west-001", 0);
    awaitStatus(ch, "canary and metric agree", x -> x.reported().isPresent() && x.condition() == ChannelCondition.HEALTHY);
    redis.breakLink();
    try {
      Await.until(Duration.ofSeconds(30), "lying telemetry flagged (now " + ch.status().verdict() + ")", () -> {
        putLag("us-west-2", "canary-west-001", 0); // the metric insists: 0 s
        return ch.status().telemetryContradicted();
      });
      ChannelStatus s = ch.status();
      assertThat(s.reported().orElseThrow().reported()).isZero();
      // The metric said 0 s at most ~1 s before; the canary saw more loss than that plus one interval.
      assertThat(s.rpo().orElseThrow()).isGreaterThan(
          Duration.between(s.reported().get().at(), s.updatedAt()).plus(s.spec().interval()));
    } finally {
      redis.restoreLink();
    }
  }
}
