package io.drwatch.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.app.probe.ProbeLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kubernetes channel kind through the real probe loop and status board, against two fabric8
 * mock API servers in CRUD mode standing in for the primary and the standby cluster. Each test
 * uses its own namespace, so the clusters are started once.
 */
class KubernetesStandbyTest {
  private static final String DIGEST_A = "sha256:" + "a".repeat(64);
  private static final String DIGEST_B = "sha256:" + "b".repeat(64);
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static Vertx vertx;
  private static MockCluster primary;
  private static MockCluster standby;
  private static ProbeLoop loop;
  private static StatusBoard board;

  @BeforeAll
  static void start() throws Exception {
    // Stack traces with the warnings: a block names its culprit.
    vertx = Vertx.vertx(TestVertx.options().setWarningExceptionTime(100)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    primary = MockCluster.crud();
    standby = MockCluster.crud();
    // The first requests load Jackson and the model classes into the mock servers' event loops and
    // ours (seconds on a busy machine); do it here, outside the tests' blocked-thread check.
    primary.app("warmup", "api", "shop/api@" + DIGEST_A, 1);
    standby.app("warmup", "api", "shop/api@" + DIGEST_A, 0);
    assertThat(watch("warmup/api", Map.of()).condition()).isEqualTo(ChannelCondition.HEALTHY);
    stopLoop();
  }

  @AfterAll
  static void stop() throws Exception {
    primary.close();
    standby.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stopEach() throws Exception {
    stopLoop();
  }

  private static void stopLoop() throws Exception {
    if (loop != null) {
      loop.stop().await(10, TimeUnit.SECONDS);
      loop = null;
    }
  }

  private static String ecr(String region, String digest) {
    return "123456789012.dkr.ecr." + region + ".amazonaws.com/shop/api@" + digest;
  }

  /** Starts a probe loop for the channel; returns once the first round's status is published. */
  private static ChannelConfig config(String deployments, Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("primaryUrl", primary.url(), "standbyUrl", standby.url(),
        "deployments", deployments));
    params.putAll(extra);
    return new ChannelConfig("web", ChannelKind.KUBERNETES, Optional.empty(), Optional.empty(),
        new HeartbeatConfig(INTERVAL, Duration.ofSeconds(5), "", "", 3), Duration.ofSeconds(1), params);
  }

  private static ChannelStatus watch(String deployments, Map<String, String> extra) {
    ChannelConfig config = config(deployments, extra);
    ChannelSpec spec = new ChannelSpec("web", ChannelKind.KUBERNETES, INTERVAL, Duration.ofSeconds(1), 3);
    board = new StatusBoard(List.of(ChannelStatus.initial(spec, Instant.now())));
    var probe = new ManagedChannelProbe(KubernetesStandby.create(vertx, config), Optional.empty(), Clock.systemUTC());
    loop = ProbeLoop.create(vertx, spec, probe, board, Duration.ofSeconds(5));
    loop.start();
    Await.until(Duration.ofSeconds(20), () -> status().rounds() >= 2);
    return status();
  }

  private static ChannelStatus status() {
    return board.channel("web");
  }

  @Test
  void shouldBeHealthyWithWarmUpWhenTheStandbyMatchesAtZeroReplicas() {
    primary.app("parity", "api", ecr("us-east-1", DIGEST_A), 3);
    standby.app("parity", "api", ecr("us-west-2", DIGEST_A), 0);
    primary.app("parity", "worker", "shop/worker@" + DIGEST_B, 2);
    standby.app("parity", "worker", "shop/worker@" + DIGEST_B, 1);

    ChannelStatus s = watch("parity/api, parity/worker", Map.of("warmUp", "90s"));

    assertThat(s.condition()).as(s.verdict()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.warmUp()).contains(Duration.ofSeconds(90));
    assertThat(s.rpo().orElseThrow()).isLessThan(Duration.ofSeconds(1));
    assertThat(s.reported().orElseThrow().source()).isEqualTo(KubernetesStandby.SOURCE);
  }

  @Test
  void shouldHaveNoWarmUpWhenEveryStandbyDeploymentRuns() {
    primary.app("warm", "api", "shop/api@" + DIGEST_A, 3);
    standby.app("warm", "api", "shop/api@" + DIGEST_A, 1);

    ChannelStatus s = watch("warm/api", Map.of());

    assertThat(s.condition()).as(s.verdict()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.warmUp()).isEmpty();
  }

  @Test
  void shouldLagNamingTheDeploymentAndBothDigestsWhenTheImageDrifts() {
    primary.app("drift", "api", ecr("us-east-1", DIGEST_B), 3);
    standby.app("drift", "api", ecr("us-west-2", DIGEST_A), 0);

    ChannelStatus s = watch("drift/api", Map.of());

    assertThat(s.condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(s.verdict()).contains("drift/api container app: image digest primary " + DIGEST_B
        + ", standby " + DIGEST_A);
    assertThat(s.warmUp()).contains(KubernetesStandby.DEFAULT_WARM_UP);
  }

  @Test
  void shouldLagWhenAReferencedConfigMapIsMissingInTheStandby() {
    primary.app("cm", "api", "shop/api@" + DIGEST_A, 3);
    standby.client.apps().deployments().inNamespace("cm")
        .resource(MockCluster.deployment("cm", "api", "shop/api@" + DIGEST_A, 0)).create();
    standby.hpa("cm", "api", 2, 10);

    ChannelStatus s = watch("cm/api", Map.of());

    assertThat(s.condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(s.verdict()).contains("cm/api: ConfigMap api-config missing in the standby namespace");
    standby.configMap("cm", "api-config");
    Await.until(Duration.ofSeconds(10), () -> status().condition() == ChannelCondition.HEALTHY);
  }

  @Test
  void shouldLagWhenTheStandbyLacksTheHpaOrItsCeilingIsLower() {
    primary.app("hpa", "api", "shop/api@" + DIGEST_A, 3);
    standby.client.apps().deployments().inNamespace("hpa")
        .resource(MockCluster.deployment("hpa", "api", "shop/api@" + DIGEST_A, 0)).create();
    standby.configMap("hpa", "api-config");

    ChannelStatus s = watch("hpa/api", Map.of());
    assertThat(s.verdict()).contains("hpa/api: primary has HPA api, the standby has none targeting the deployment");

    standby.hpa("hpa", "api", 1, 4);
    Await.until(Duration.ofSeconds(10), () -> status().verdict().contains("maxReplicas 4 < primary's 10"));
    assertThat(status().condition()).isEqualTo(ChannelCondition.LAGGING);
  }

  @Test
  void shouldBeBrokenWhenTheStandbyHasNoSuchDeployment() {
    primary.app("gone", "api", "shop/api@" + DIGEST_A, 3);

    ChannelStatus s = watch("gone/api", Map.of());

    assertThat(s.condition()).isEqualTo(ChannelCondition.BROKEN);
    assertThat(s.verdict()).contains("standby cluster has no deployment gone/api");
  }

  @Test
  void shouldCompareRunningDigestsForTagsAndNoteTagsItCannotResolve() throws Exception {
    primary.app("tags", "api", "shop/api:1.4", 3);
    standby.app("tags", "api", "registry.eu.example/shop/api:1.4", 0);

    ChannelStatus s = watch("tags/api", Map.of());

    assertThat(s.condition()).as(s.verdict()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.replicaLink()).isEqualTo(LinkState.UP);
    assertThat(readOnce("tags/api").linkDetail()).isEqualTo(
        "standby replicas tags/api=0, warm-up 60s; tags/api container app: unpinned tag shop/api:1.4, not verified");
  }

  /** One telemetry read outside the loop, for what the status does not show (the link detail). */
  private static ReplicaView readOnce(String deployments) throws Exception {
    KubernetesStandby probe = KubernetesStandby.create(vertx, config(deployments, Map.of()));
    try {
      return read(probe);
    } finally {
      probe.close().await(10, TimeUnit.SECONDS);
    }
  }

  private static ReplicaView read(KubernetesStandby probe) throws Exception {
    Promise<ReplicaView> view = Promise.promise();
    vertx.runOnContext(v -> probe.read().onComplete(view));
    return view.future().await(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldCompareWithThePrimaryAsLastReadWhenThePrimaryIsDown() throws Exception {
    MockCluster doomed = MockCluster.crud();
    doomed.app("fallback", "api", "shop/api@" + DIGEST_A, 3);
    standby.app("fallback", "api", "shop/api@" + DIGEST_B, 0);
    KubernetesStandby probe = KubernetesStandby.create(vertx, config("fallback/api", Map.of("primaryUrl", doomed.url())));
    try {
      assertThat(read(probe).drift()).hasValueSatisfying(d -> assertThat(d).contains("primary " + DIGEST_A));
      String origin = doomed.url();
      doomed.close();

      ReplicaView view = read(probe);

      assertThat(view.drift()).hasValueSatisfying(d -> assertThat(d).contains("primary " + DIGEST_A));
      assertThat(view.linkDetail()).contains("primary cluster " + origin + " failed: ")
          .contains("compared with the primary as read at ");
      assertThat(view.link()).isEqualTo(LinkState.UP);
    } finally {
      probe.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldLagWhenATagRunsDifferentDigestsInTheTwoClusters() {
    primary.app("pulled", "api", "shop/api:1.4", 3);
    standby.app("pulled", "api", "shop/api:1.4", 1);
    primary.runningPod("pulled", "api", "api-1", "docker-pullable://shop/api@" + DIGEST_A);
    standby.runningPod("pulled", "api", "api-1", "docker-pullable://shop/api@" + DIGEST_B);

    ChannelStatus s = watch("pulled/api", Map.of());

    assertThat(s.condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(s.verdict()).contains("pulled/api container app: tag shop/api:1.4 runs digest " + DIGEST_A
        + " on primary, " + DIGEST_B + " on standby");
  }
}
