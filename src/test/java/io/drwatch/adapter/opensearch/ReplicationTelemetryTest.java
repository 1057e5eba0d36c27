package io.drwatch.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code _status} signal against the stateful wire fake, with Basic auth. */
class ReplicationTelemetryTest {
  private static final String INDEX = "orders";
  private Vertx vertx;
  private Vertx serverVertx;
  private ReplicationFake fake;
  private ReplicationTelemetry telemetry;

  @BeforeAll
  static void warmUp() throws Exception {
    ReplicationFake.warmUp();
  }

  @BeforeEach
  void start() throws Exception {
    serverVertx = Vertx.vertx();
    fake = new ReplicationFake(serverVertx);
    vertx = TestVertx.create();
    telemetry = telemetry(OsAuth.basic("admin", "s3cret-pw"));
  }

  private ReplicationTelemetry telemetry(OsAuth auth) {
    return new ReplicationTelemetry(OsHttp.create(vertx, fake.url(), auth, Duration.ofMillis(500)), INDEX);
  }

  @AfterEach
  void stop() throws Exception {
    telemetry.close();
    vertx.close().await(5, TimeUnit.SECONDS);
    fake.close();
    serverVertx.close().await(5, TimeUnit.SECONDS);
  }

  private ReplicaView read() throws Exception {
    return telemetry.read().await(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldReportTheCheckpointGapInTheDetailWithoutALagFigure() throws Exception {
    fake.follow(INDEX);
    fake.advance(INDEX, 20, 20);
    ReplicaView synced = read();
    assertThat(synced.link()).isEqualTo(LinkState.UP);
    assertThat(synced.linkDetail()).isEqualTo("opensearch orders SYNCING: follower checkpoint 19 of leader 19, 0 ops behind");
    assertThat(synced.reported()).isEmpty(); // operations are not time: the canary gives the RPO
    assertThat(synced.telemetryMissing()).isFalse();
    assertThat(synced.visible()).isEmpty();

    fake.advance(INDEX, 50, 8);
    assertThat(read().linkDetail()).endsWith("follower checkpoint 27 of leader 69, 42 ops behind");
    fake.advance(INDEX, 0, 100);
    assertThat(read().linkDetail()).endsWith("follower checkpoint 69 of leader 69, 0 ops behind");
    assertThat(fake.headers.get(0).get("Authorization")).startsWith("Basic ");
  }

  @Test
  void shouldReportPausedFailedAndStoppedAsADownLinkWithTheReason() throws Exception {
    fake.follow(INDEX).status = "PAUSED";
    fake.follow(INDEX).reason = "AutoPaused: leader index not reachable";
    ReplicaView paused = read();
    assertThat(paused.link()).isEqualTo(LinkState.DOWN);
    assertThat(paused.linkDetail()).contains("PAUSED (AutoPaused: leader index not reachable)");

    fake.follow(INDEX).status = "FAILED";
    fake.follow(INDEX).reason = "shard follow task failed";
    assertThat(read()).satisfies(v -> {
      assertThat(v.link()).isEqualTo(LinkState.DOWN);
      assertThat(v.linkDetail()).contains("FAILED (shard follow task failed)");
    });

    fake.follow(INDEX).status = ReplicationStatus.NOT_IN_PROGRESS;
    assertThat(read().link()).isEqualTo(LinkState.DOWN);
  }

  @Test
  void shouldTreatBootstrappingAsUpAndAMissingFollowerIndexAsDown() throws Exception {
    fake.follow(INDEX).status = "BOOTSTRAPPING";
    assertThat(read().link()).isEqualTo(LinkState.UP);
    fake.indices.clear();
    ReplicaView missing = read();
    assertThat(missing.link()).isEqualTo(LinkState.DOWN);
    assertThat(missing.linkDetail()).contains("follower index orders not found");
  }

  @Test
  void shouldFailOnWrongCredentialsWithoutLeakingThePassword() throws Exception {
    fake.follow(INDEX);
    telemetry.close();
    telemetry = telemetry(OsAuth.basic("admin", "wrong-password"));
    assertThatThrownBy(this::read).hasMessageContaining("status 401").hasMessageContaining("Unauthorized")
        .hasMessageNotContaining("wrong-password");
  }

  @Test
  void shouldFailWithinTheTimeoutWhenTheFollowerDoesNotAnswer() throws Exception {
    fake.follow(INDEX);
    fake.faults.add(0);
    long t0 = System.nanoTime();
    assertThatThrownBy(this::read).hasMessageContaining("no answer within 500ms");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
  }
}
