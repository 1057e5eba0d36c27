package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.coordination.LocalExecutorLease;
import io.drwatch.adapter.coordination.ZkExecutorLease;
import io.drwatch.adapter.coordination.ZkRunMirror;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.LeaseFailure;
import java.nio.file.Path;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoordinationTest {
  private static final String CHANNELS =
      """
      channels:
        - name: cache
          kind: redis
          primary: { url: "redis://a" }
          replica: { url: "redis://b" }
      """;

  private final Vertx vertx = TestVertx.create();

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldLockTheStateDirWithoutMirrorForALoneObserver() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(CHANNELS, name -> null);

    ExecutorLease lease = Coordination.lease(vertx, config);

    assertThat(lease).isInstanceOf(LocalExecutorLease.class);
    assertThat(Coordination.mirror(lease)).isEmpty();
  }

  @Test
  void shouldUseZooKeeperWithAMirrorWhenConfigured() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(CHANNELS
        + "coordination: { zookeeper: { connect: \"127.0.0.1:1\", path: /drwatch/t } }\n",
        name -> null);

    ExecutorLease lease = Coordination.lease(vertx, config);

    assertThat(lease).isInstanceOf(DirLockedLease.class);
    assertThat(((DirLockedLease) lease).lease()).isInstanceOf(ZkExecutorLease.class);
    assertThat(Coordination.mirror(lease)).get().isInstanceOf(ZkRunMirror.class);
    // Never started: closing must not need the ensemble.
    lease.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldRefuseASecondDaemonOnTheSameStateDirEvenWithZooKeeper(@TempDir Path dir) throws Exception {
    DrwatchConfig config = ConfigLoader.parse(CHANNELS + "state: { dir: \"" + dir + "\" }\n"
        + "coordination: { zookeeper: { connect: \"127.0.0.1:1\", path: /drwatch/t } }\n", name -> null);
    ExecutorLease first = Coordination.lease(vertx, config);
    ExecutorLease second = Coordination.lease(vertx, config);
    try {
      first.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThatThrownBy(() -> second.start().toCompletionStage().toCompletableFuture()
          .get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(LeaseFailure.class,
              f -> assertThat(f.code()).isEqualTo(LeaseFailure.Code.LOCKED));
    } finally {
      second.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      first.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
