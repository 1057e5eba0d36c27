package io.drwatch.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.config.Secret;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The channel as the factory builds it (canary + {@code _status}, composed as bootstrap does),
 * against two wire fakes: a leader and a follower with Basic auth. The real-node run is
 * OpenSearchChannelIT (behind a flag).
 */
class OpenSearchChannelTest {
  private Vertx serverVertx;
  private Vertx vertx;
  private ReplicationFake leader;
  private ReplicationFake follower;
  private OpenSearchChannel channel;
  private ChannelProbe probe;

  @BeforeAll
  static void warmUp() throws Exception {
    ReplicationFake.warmUp();
  }

  @BeforeEach
  void start() throws Exception {
    serverVertx = Vertx.vertx();
    leader = new ReplicationFake(serverVertx);
    follower = new ReplicationFake(serverVertx);
    leader.password = "leader-pw";
    follower.password = "follower-pw";
    vertx = TestVertx.create();
    ChannelConfig config = new ChannelConfig("search", ChannelKind.OPENSEARCH,
        Optional.of(new Endpoint(leader.url(), Optional.of(Secret.of("leader-pw")))),
        Optional.of(new Endpoint(follower.url(), Optional.of(Secret.of("follower-pw")))),
        new HeartbeatConfig(Duration.ofMillis(500), Duration.ofSeconds(2), "unused", "unused", 3),
        Duration.ofSeconds(5), Map.of("index", "orders"));
    channel = OpenSearchChannel.create(vertx, config, () -> {
      throw new AssertionError("basic auth must not ask for AWS credentials");
    });
    probe = new ManagedChannelProbe(channel.telemetry(), Optional.of(channel.canary()), Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    probe.close().await(5, TimeUnit.SECONDS);
    vertx.close().await(5, TimeUnit.SECONDS);
    leader.close();
    follower.close();
    serverVertx.close().await(5, TimeUnit.SECONDS);
  }

  private ReplicaView read() throws Exception {
    return probe.readReplica().await(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldWriteOnTheLeaderReadTheCopyOnTheFollowerAndShowTheCheckpointGap() throws Exception {
    Heartbeat first = probe.writeHeartbeat().await(5, TimeUnit.SECONDS);
    Heartbeat second = probe.writeHeartbeat().await(5, TimeUnit.SECONDS);
    assertThat(second.seq()).isGreaterThan(first.seq());
    assertThat(leader.docs.get("drwatch-heartbeat/search").getLong("seq")).isEqualTo(second.seq());
    assertThat(leader.docs.get("drwatch-heartbeat/search").getLong("ts")).isEqualTo(second.writerTs().toEpochMilli());

    follower.follow("orders").leaderCheckpoint = 9;
    follower.follow("orders").followerCheckpoint = 6;
    ReplicaView before = read();
    assertThat(before.visible()).isEmpty(); // nothing replicated yet
    assertThat(before.link()).isEqualTo(LinkState.UP);

    follower.docs.put("drwatch-heartbeat/search", leader.docs.get("drwatch-heartbeat/search").copy()); // "replicate"
    ReplicaView after = read();
    assertThat(after.visible()).contains(second);
    assertThat(after.link()).isEqualTo(LinkState.UP);
    assertThat(after.linkDetail()).isEqualTo("opensearch orders SYNCING: follower checkpoint 6 of leader 9, 3 ops behind");
    assertThat(leader.headers.get(0).get("Authorization")).isEqualTo(basic("admin:leader-pw"));
    assertThat(follower.headers).allSatisfy(h -> assertThat(h.get("Authorization")).isEqualTo(basic("admin:follower-pw")));
  }

  @Test
  void shouldKeepTheCanaryButReportBrokenWhenReplicationIsPaused() throws Exception {
    Heartbeat hb = probe.writeHeartbeat().await(5, TimeUnit.SECONDS);
    follower.docs.put("drwatch-heartbeat/search", leader.docs.get("drwatch-heartbeat/search").copy());
    follower.follow("orders").status = "PAUSED";
    follower.follow("orders").reason = "leader unreachable";
    ReplicaView paused = read();
    assertThat(paused.visible()).contains(hb);
    assertThat(paused.link()).isEqualTo(LinkState.DOWN);
    assertThat(paused.linkDetail()).contains("PAUSED (leader unreachable)");
  }

  @Test
  void shouldStillReadTheCanaryWhenStatusFails() throws Exception {
    Heartbeat hb = probe.writeHeartbeat().await(5, TimeUnit.SECONDS);
    follower.docs.put("drwatch-heartbeat/search", leader.docs.get("drwatch-heartbeat/search").copy());
    // An answer that is no status (as a proxy or a cluster without the plugin gives) only loses
    // the provider's view: the canary's heartbeat stands, the link is unknown.
    follower.follow("orders").status = "";
    ReplicaView view = read();
    assertThat(view.visible()).contains(hb);
    assertThat(view.link()).isEqualTo(LinkState.UNKNOWN);
  }

  private static String basic(String userPass) {
    return "Basic " + java.util.Base64.getEncoder().encodeToString(userPass.getBytes());
  }
}
