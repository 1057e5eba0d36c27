package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CoordinationConfigTest {

  private static final String CHANNELS =
      """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      """;

  private static final String AUTO_RUNBOOK =
      """
      runbook:
        token: t
        mode: auto
        steps:
          - { id: promote, action: pg-promote, params: { url: "postgresql://p@10.1.0.5:5432/p" } }
      """;

  private static final String PEERS = "detection: { peers: [\"http://10.1.0.9:9464\"], peerToken: p }\n";

  private static DrwatchConfig parse(String yaml) throws ConfigException {
    return ConfigLoader.parse(yaml, name -> null);
  }

  @Test
  void shouldReadZooKeeperWithDefaultSessionTimeout() throws Exception {
    DrwatchConfig config =
        parse(CHANNELS + "coordination: { zookeeper: { connect: \"zk1:2181,[::1]:2182\","
            + " path: /drwatch/prod } }\n");

    assertThat(config.coordination().zookeeper())
        .contains(new ZooKeeperConfig("zk1:2181,[::1]:2182", "/drwatch/prod",
            Duration.ofSeconds(10)));
  }

  @Test
  void shouldReadLoneObserverWithoutSectionOrWithEmptySection() throws Exception {
    assertThat(parse(CHANNELS).coordination().zookeeper()).isEmpty();
    assertThat(parse(CHANNELS + "coordination: {}\n").coordination())
        .isEqualTo(new CoordinationConfig(Optional.empty()));
  }

  @Test
  void shouldRejectUnknownKeysNamingTheAllowedOnes() {
    assertThat(errorsOf(CHANNELS + "coordination: { etcd: {}, zookeeper: { connect: \"a:1\","
            + " path: /d, ttl: 3s } }\n"))
        .containsExactly(
            "coordination.etcd: unknown key (allowed: zookeeper)",
            "coordination.zookeeper.ttl: unknown key (allowed: connect, path, sessionTimeout)");
  }

  @Test
  void shouldRequireConnectAndPath() {
    assertThat(errorsOf(CHANNELS + "coordination: { zookeeper: {} }\n"))
        .containsExactly(
            "coordination.zookeeper.connect: required", "coordination.zookeeper.path: required");
  }

  @Test
  void shouldRejectConnectThatIsNotAHostPortList() {
    String rule = "must be a comma-separated list of host:port with every port in 1..65535"
        + " (no chroot suffix: put it in path), was ";
    for (String connect : new String[] {"zk1", "zk1:2181,", "zk1:2181/drwatch", "zk1:0",
        "zk1:70000", "zk_1:2181", "zk1:2181;zk2:2181"}) {
      assertThat(errorsOf(CHANNELS + "coordination: { zookeeper: { connect: \"" + connect
              + "\", path: /d } }\n"))
          .containsExactly("coordination.zookeeper.connect: " + rule + "\"" + connect + "\"");
    }
  }

  @Test
  void shouldRejectPathsThatAreNotZnodePaths() {
    String rule = "must be a znode path like /drwatch/prod: starts with /, does not end with /,"
        + " segments of letters, digits, '.', '_', '-' other than . and .., was ";
    for (String path : new String[] {"drwatch", "/drwatch/", "/", "/a//b", "/a/../b", "/a b"}) {
      assertThat(errorsOf(CHANNELS + "coordination: { zookeeper: { connect: \"zk1:2181\","
              + " path: \"" + path + "\" } }\n"))
          .containsExactly("coordination.zookeeper.path: " + rule + "\"" + path + "\"");
    }
  }

  @Test
  void shouldRejectSessionTimeoutOutOfRange() {
    String zk = CHANNELS + "coordination: { zookeeper: { connect: \"zk1:2181\", path: /d,"
        + " sessionTimeout: ";
    assertThat(errorsOf(zk + "500ms } }\n"))
        .containsExactly("coordination.zookeeper.sessionTimeout: must be 1s..5m, was 500ms");
    assertThat(errorsOf(zk + "10m } }\n"))
        .containsExactly("coordination.zookeeper.sessionTimeout: must be 1s..5m, was 10m");
    assertThat(errorsOf(zk + "0s } }\n"))
        .containsExactly("coordination.zookeeper.sessionTimeout: must be > 0, was 0s");
  }

  @Test
  void shouldRefuseAutoModeWithPeersButNoCoordination() {
    assertThat(errorsOf(CHANNELS + PEERS + AUTO_RUNBOOK))
        .containsExactly(
            "coordination: required when detection.peers is set and runbook.mode is auto"
                + " (several observers would each execute the runbook), was absent");
    assertThat(errorsOf(CHANNELS + PEERS + AUTO_RUNBOOK + "coordination: {}\n"))
        .containsExactly(
            "coordination.zookeeper: required when detection.peers is set and runbook.mode is"
                + " auto (several observers would each execute the runbook), was absent");
  }

  @Test
  void shouldAcceptPeersWithApprovalOrAutoWithoutPeersOrAutoPeersWithZooKeeper()
      throws Exception {
    parse(CHANNELS + PEERS + AUTO_RUNBOOK.replace("mode: auto", "mode: approval"));
    parse(CHANNELS + AUTO_RUNBOOK);
    parse(CHANNELS + PEERS + AUTO_RUNBOOK
        + "coordination: { zookeeper: { connect: \"zk1:2181\", path: /d } }\n");
  }
}
