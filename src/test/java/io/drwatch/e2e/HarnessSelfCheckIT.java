package io.drwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.e2e.E2eUser.Reach;
import io.drwatch.testkit.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the e2e harness's own mechanisms on today's daemon (no {@code coordination} section, which
 * today's config loader rejects): three observer processes as three users, the uid-keyed nftables
 * partition in both directions, the standby link cut, ZooKeeper, the sink, kill -9 and restart.
 * The runbook is in approval mode here: today a partitioned observer declares alone and would
 * promote the standby it still reaches (what {@link PartitionIT} is about), which would stop the
 * standby from streaming again after the heal.
 */
@ExtendWith(DumpOnFailure.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HarnessSelfCheckIT {
  private static E2eCluster c;

  @BeforeAll
  static void start() throws Exception {
    c = E2eCluster.start("selfcheck", false, "approval");
  }

  @AfterAll
  static void stop() throws Exception {
    if (c != null) {
      c.close();
    }
    assertThat(Partition.exists()).as("nft table deleted after the class").isFalse();
  }

  @Test
  @Order(1)
  void eachObserverRunsAsItsOwnUserWithItsOwnStateDir() throws Exception {
    Set<Integer> uids = new HashSet<>();
    for (Observer o : c.observers) {
      String status = Files.readString(java.nio.file.Path.of("/proc", Long.toString(o.pid()), "status"));
      String uidLine = status.lines().filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow();
      assertThat(uidLine.split("\\s+")[1]).as("%s real uid", o).isEqualTo(Integer.toString(o.user.uid()));
      assertThat(Files.getOwner(o.stateDir).getName()).isEqualTo(o.user.name());
      assertThat(ProcessHandle.of(o.pid()).orElseThrow().info().commandLine().orElse(""))
          .contains("drwatch.jar", "run", "--config");
      uids.add(o.user.uid());
    }
    assertThat(uids).hasSize(3);
  }

  @Test
  @Order(2)
  void sinkCountsPerPathRecordsTheEpochHeaderAndDelays() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest probe = HttpRequest.newBuilder(URI.create(c.sink.url("/notified"))).GET().build();
    assertThat(http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(404);
    c.sink.delay(Duration.ofMillis(700));
    long t = System.nanoTime();
    HttpRequest req = HttpRequest.newBuilder(URI.create(c.sink.url("/selfcheck")))
        .header("X-Drwatch-Epoch", "7").POST(HttpRequest.BodyPublishers.ofString("{}")).build();
    assertThat(http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
    assertThat(Await.elapsedMillis(t)).isGreaterThanOrEqualTo(700);
    c.sink.delay(Duration.ZERO);
    assertThat(c.sink.count("/selfcheck")).isEqualTo(1);
    assertThat(c.sink.hits()).singleElement().extracting(CountingSink.Hit::epoch).isEqualTo("7");
  }

  @Test
  @Order(3)
  void zookeeperEnsembleAnswers() throws Exception {
    try (CuratorFramework cf = CuratorFrameworkFactory.newClient(c.zk.getConnectString(), new RetryOneTime(200))) {
      cf.start();
      assertThat(cf.blockUntilConnected(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      cf.create().creatingParentsIfNeeded().forPath("/drwatch/selfcheck", "x".getBytes());
      assertThat(cf.getData().forPath("/drwatch/selfcheck")).isEqualTo("x".getBytes());
    }
    assertThat(c.zk.getServers()).hasSize(3);
  }

  @Test
  @Order(4)
  void partitionCutsObs1BothWaysLeavingItOnlyTheStandby() throws Exception {
    Observer o1 = c.obs(1);
    Observer o2 = c.obs(2);
    int zkPort = c.zk.getInstances().iterator().next().getPort();
    int primary = c.pg.primaryPort();
    // before: everyone reaches everything
    assertThat(o1.user.reach(primary, 2000)).isEqualTo(Reach.CONNECTED);
    assertThat(o1.user.reach(o2.httpPort, 2000)).isEqualTo(Reach.CONNECTED);
    assertThat(o2.user.reach(o1.httpPort, 2000)).isEqualTo(Reach.CONNECTED);
    assertThat(c.standbyStreaming()).isTrue();

    long t = System.nanoTime();
    Partition p = c.partitionObs1();
    try {
      System.out.println("[e2e] nft ruleset:\n" + Partition.listTable());
      // obs1 -> primary, peers, ZooKeeper, sink: dropped (a timeout, not a refusal)
      assertThat(o1.user.reach(primary, 1000)).isEqualTo(Reach.TIMED_OUT);
      assertThat(o1.user.reach(o2.httpPort, 1000)).isEqualTo(Reach.TIMED_OUT);
      assertThat(o1.user.reach(c.obs(3).httpPort, 1000)).isEqualTo(Reach.TIMED_OUT);
      assertThat(o1.user.reach(zkPort, 1000)).isEqualTo(Reach.TIMED_OUT);
      assertThat(o1.user.reach(c.sink.port(), 1000)).isEqualTo(Reach.TIMED_OUT);
      // ... but still the standby
      assertThat(o1.user.reach(c.pg.standbyPort(), 1000)).isEqualTo(Reach.CONNECTED);
      // the other direction: peers polling obs1's HTTP port
      assertThat(o2.user.reach(o1.httpPort, 1000)).isEqualTo(Reach.TIMED_OUT);
      assertThat(c.obs(3).user.reach(o1.httpPort, 1000)).isEqualTo(Reach.TIMED_OUT);
      // unaffected: the others to the primary, root (the test) to everything, obs1's HTTP for the test
      assertThat(o2.user.reach(primary, 1000)).isEqualTo(Reach.CONNECTED);
      assertThat(o2.user.reach(c.obs(3).httpPort, 1000)).isEqualTo(Reach.CONNECTED);
      assertThat(E2eUser.reachAsRoot(primary, 1000)).isEqualTo(Reach.CONNECTED);
      assertThat(E2eUser.reachAsRoot(o1.httpPort, 1000)).isEqualTo(Reach.CONNECTED);
      assertThat(o1.get("/healthz")).startsWith("ok");
      // the standby loses its upstream
      Await.until(Duration.ofSeconds(15), "standby WAL receiver stops streaming", () -> !c.standbyStreaming());
      c.mark("standby no longer streaming");
      // the daemons feel it: obs1 suspects the primary, and obs2 stops hearing from obs1
      Await.until(Duration.ofSeconds(20), "obs1 suspects db-primary", () -> ownReport(o1).path("suspected").asBoolean());
      c.mark("obs1 suspects db-primary");
      Await.until(Duration.ofSeconds(20), "obs2 no longer has a fresh report from obs1", () -> !freshPeer(o2, "obs1"));
      c.mark("obs2 lost obs1's reports");
      assertThat(ownReport(o2).path("suspected").asBoolean()).as("obs2 still reaches the primary").isFalse();
    } finally {
      c.heal();
    }
    assertThat(Partition.exists()).as("heal deletes the table").isFalse();
    assertThat(o1.user.reach(primary, 2000)).isEqualTo(Reach.CONNECTED);
    assertThat(o2.user.reach(o1.httpPort, 2000)).isEqualTo(Reach.CONNECTED);
    Await.until(Duration.ofSeconds(20), "standby streams again", c::standbyStreaming);
    Await.until(Duration.ofSeconds(30), "obs2 hears obs1 again and obs1 clears", () -> freshPeer(o2, "obs1")
        && !ownReport(o1).path("suspected").asBoolean());
    System.out.printf("[e2e] partition mechanism verified in %d ms (cut, observed, healed)%n", Await.elapsedMillis(t));
  }

  @Test
  @Order(5)
  void killNineAndRestartKeepUserAndState() throws Exception {
    Observer o3 = c.obs(3);
    long pid = o3.pid();
    o3.kill9();
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    long t = System.nanoTime();
    o3.start();
    c.awaitReady();
    System.out.printf("[e2e] obs3 kill -9 + restart ready in %d ms%n", Await.elapsedMillis(t));
    assertThat(o3.logTail(5)).contains("daemon-2.log");
    assertThat(c.dump("self-check sample")).contains("obs1", "obs2", "obs3", "sink:");
  }

  static JsonNode ownReport(Observer o) throws Exception {
    for (JsonNode r : o.status().path("detection").path("targets").get(0).path("observers")) {
      if (r.path("observer").asText().equals(o.name)) {
        return r;
      }
    }
    return Observer.JSON.createObjectNode();
  }

  static boolean freshPeer(Observer o, String peer) throws Exception {
    for (JsonNode r : o.status().path("detection").path("targets").get(0).path("observers")) {
      if (r.path("observer").asText().equals(peer)) {
        java.time.Instant seen = java.time.Instant.parse(r.path("seenAt").asText());
        return seen.isAfter(java.time.Instant.now().minusSeconds(4));
      }
    }
    return false;
  }

  static List<String> names() {
    return c.observers.stream().map(o -> o.name).toList();
  }
}
