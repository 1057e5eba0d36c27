package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.RedisPairExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The redis channel against a real primary and replica. The replica follows the primary through
 * a delaying proxy, which gives replication lag of a known size. Ordered: the last test kills
 * the primary.
 */
@ExtendWith(RedisPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisChannelIT {
  private static final String CH = "sessions";
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static DaemonHarness daemon;
  private static RedisPair redis;
  private static DelayProxy proxy;

  @BeforeAll
  static void start(RedisPair pair) throws Exception {
    redis = pair;
    proxy = new DelayProxy(pair.primaryPort(), Duration.ZERO);
    pair.cliReplica("REPLICAOF", "127.0.0.1", String.valueOf(proxy.port()));
    Await.until(Duration.ofSeconds(10), () -> linkUp());
    daemon = DaemonHarness.start(DaemonHarness.channelYaml(
        "redis", CH, pair.primaryUrl(), pair.replicaUrl(), "200ms"));
    Await.until(Duration.ofSeconds(10), () -> status().condition() == ChannelCondition.HEALTHY);
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private static boolean linkUp() {
    try {
      return redis.cliReplica("INFO", "replication").contains("master_link_status:up");
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private static ChannelStatus status() {
    return daemon.status(CH);
  }

  @Test
  @Order(1)
  void shouldKeepRpoWithinOneIntervalWhenTheReplicaKeepsUp() {
    List<BracketSamples.Sample> upToDate = BracketSamples.take(RedisChannelIT::status, Duration.ofSeconds(5));
    assertThat(upToDate).hasSizeGreaterThan(15);
    BracketSamples.assertHold("redis replica keeping up", upToDate, 0.0, INTERVAL);
  }

  @Test
  @Order(2)
  void shouldMeasureReplicationDelayAsRpo() throws Exception {
    proxy.setDelay(Duration.ofSeconds(2));
    Await.until(Duration.ofSeconds(10), () -> status().rpo().orElse(Duration.ZERO).toMillis() > 1500);
    daemon.awaitRounds(CH, 15); // bytes sent before the delay was set drain first: settle 3 s
    // No replay timestamp in Redis: the upper bound is the heartbeat one, still within one interval.
    BracketSamples.assertHold("redis proxy delay 2s",
        BracketSamples.take(RedisChannelIT::status, Duration.ofSeconds(4)), 2.0, INTERVAL);
    assertThat(status().condition()).isEqualTo(ChannelCondition.LAGGING);
    proxy.setDelay(Duration.ZERO);
    Await.until(Duration.ofSeconds(10), () -> status().condition() == ChannelCondition.HEALTHY);
  }

  @Test
  @Order(3)
  void shouldReportBrokenWhenTheLinkGoesDown() throws Exception {
    Instant cut = Instant.now();
    redis.breakLink();
    Await.until(Duration.ofSeconds(5), () -> status().condition() == ChannelCondition.BROKEN);
    System.out.printf("redis link down -> BROKEN after %d ms: %s%n",
        Duration.between(cut, Instant.now()).toMillis(), status().verdict());
    assertThat(Duration.between(cut, Instant.now())).isLessThanOrEqualTo(INTERVAL.multipliedBy(3).plusMillis(500));
    Duration age = status().replicaAge().orElseThrow();
    Duration rpo = status().rpo().orElseThrow();
    daemon.awaitRounds(CH, 6); // over a second of rounds with the link down
    assertThat(status().replicaAge().orElseThrow()).isGreaterThan(age.plusMillis(500));
    assertThat(status().rpo().orElseThrow()).isGreaterThan(rpo.plusMillis(500));
    redis.cliReplica("REPLICAOF", "127.0.0.1", String.valueOf(proxy.port()));
    Await.until(Duration.ofSeconds(10), () -> status().condition() == ChannelCondition.HEALTHY);
  }

  @Test
  @Order(4)
  void shouldReportSourceUnreachableAndHoldRpoWhenThePrimaryDies() throws Exception {
    proxy.setDelay(Duration.ofSeconds(1));
    Await.until(Duration.ofSeconds(10), () -> status().rpo().orElse(Duration.ZERO).toMillis() > 800);
    redis.killPrimary();
    Await.until(Duration.ofSeconds(5), () -> status().condition() == ChannelCondition.SOURCE_UNREACHABLE);
    Duration held = status().rpo().orElseThrow();
    daemon.awaitRounds(CH, 10); // ten more rounds against the dead primary: the value holds
    assertThat(status().condition()).isEqualTo(ChannelCondition.SOURCE_UNREACHABLE);
    assertThat(status().rpo()).contains(held);
    assertThat(held.toMillis()).isGreaterThan(800);
    assertThat(daemon.metric("drwatch_channel_rpo_seconds", "channel=" + CH)).isEqualTo(held.toNanos() / 1e9);
  }
}
