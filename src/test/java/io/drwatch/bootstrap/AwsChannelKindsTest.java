package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.LoopedChannel;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The efs and s3 factories as the daemon calls them: params reach the right calls (ids, buckets,
 * the default canary key). The endpoint is a closed loopback port, so every round fails naming
 * the call; the adapters' behaviour is tested against moto and EfsDescribeFake in their packages.
 */
class AwsChannelKindsTest {
  private static Vertx vertx;
  private static AwsClients aws;
  private static String closed;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    aws = AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
    closed = "http://127.0.0.1:" + FreePorts.pick();
    // A cold JVM loads the SDK and the tracker in the first rounds, partly on the event loop; the
    // daemon does that before its loops start, the test before its tests.
    for (ChannelConfig c : List.of(efs(Map.of()), s3())) {
      try (LoopedChannel ch = run(c)) {
        ch.awaitRounds(3, Duration.ofSeconds(60));
      }
    }
  }

  private static ChannelConfig efs(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("region", "us-east-1", "fileSystem", "fs-0123456789abcdef0"));
    params.putAll(extra);
    return channel("uploads", ChannelKind.EFS, params);
  }

  private static ChannelConfig s3() {
    return channel("assets", ChannelKind.S3, Map.of("region", "us-east-1", "sourceBucket", "assets-use1",
        "destinationBucket", "assets-usw2", "destinationRegion", "us-west-2"));
  }

  private static void awaitVerdict(LoopedChannel ch, ChannelCondition condition, String text) {
    Await.until(Duration.ofSeconds(20), "verdict " + condition + " with " + text + " (now " + ch.status().verdict() + ")",
        () -> ch.status().condition() == condition && ch.status().verdict().contains(text));
  }

  @AfterAll
  static void stop() {
    aws.close();
    vertx.close().await();
  }

  private static ChannelConfig channel(String name, ChannelKind kind, Map<String, String> params) {
    Map<String, String> all = new HashMap<>(params);
    all.put("endpointOverride", closed);
    return new ChannelConfig(name, kind, Optional.empty(), Optional.empty(),
        new HeartbeatConfig(Duration.ofMillis(200), Duration.ofSeconds(5), "drwatch_heartbeat", "k", 3),
        Duration.ofMinutes(15), all);
  }

  private static LoopedChannel run(ChannelConfig c) {
    var probe = ChannelKinds.probe(new ChannelKinds.Deps(vertx, () -> aws, CloudWatchReaders.withDefaults(vertx, () -> aws)), c);
    return LoopedChannel.start(vertx, DaemonVerticle.spec(c), probe, c.heartbeat().timeout());
  }

  @Test
  void shouldBuildTheEfsChannelFromItsParams() throws Exception {
    try (LoopedChannel ch = run(efs(Map.of()))) {
      awaitVerdict(ch, ChannelCondition.REPLICA_UNREACHABLE,
          "efs DescribeReplicationConfigurations fs-0123456789abcdef0 failed after 2 attempts");
    }
  }

  @Test
  void shouldBuildTheS3ChannelWithTheDefaultCanaryKey() throws Exception {
    try (LoopedChannel ch = run(s3())) {
      awaitVerdict(ch, ChannelCondition.SOURCE_UNREACHABLE, "s3 PutObject s3://assets-use1/drwatch/canary/assets failed");
    }
  }

  @Test
  void shouldBuildTheElastiCacheGlobalChannelFromItsParams() throws Exception {
    try (LoopedChannel ch = run(channel("sessions", ChannelKind.ELASTICACHE_GLOBAL,
        Map.of("region", "us-east-1", "globalReplicationGroup", "ldgnf-sessions", "secondaryNode", "sessions-west-002")))) {
      awaitVerdict(ch, ChannelCondition.REPLICA_UNREACHABLE,
          "elasticache DescribeGlobalReplicationGroups ldgnf-sessions failed after");
    }
  }

}
