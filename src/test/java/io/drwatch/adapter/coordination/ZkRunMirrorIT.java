package io.drwatch.adapter.coordination;

import static io.drwatch.adapter.coordination.LocalExecutorLeaseTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.port.LeaseFailure;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The mirror on a real three-server ensemble: order, fencing, and answers when it is down. */
class ZkRunMirrorIT {
  private static final AtomicInteger PATHS = new AtomicInteger();
  private static ZkEnsemble zk;

  private Vertx vertx;
  private ZkExecutorLease lease;
  private ZkRunMirror mirror;
  private long epoch;

  @BeforeAll
  static void startEnsemble() throws Exception {
    zk = new ZkEnsemble();
  }

  @AfterAll
  static void stopEnsemble() throws Exception {
    zk.close();
  }

  @BeforeEach
  void setUp() throws Exception {
    vertx = TestVertx.create();
    lease = zk.lease(vertx, "/drwatch/mirror-" + PATHS.incrementAndGet(), "a");
    mirror = ZkRunMirror.sharing(lease);
    await(lease.start());
    Await.until(Duration.ofSeconds(10), () -> lease.current().isPresent());
    epoch = lease.current().orElseThrow().epoch();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(lease.close());
    await(vertx.close());
  }

  @Test
  void shouldReadEveryLineBackInAppendOrderFencedOrNot() throws Exception {
    assertThat(await(mirror.readAll())).isEmpty();
    List<String> lines = IntStream.range(0, 12).mapToObj(i -> "{\"n\":" + i + ",\"é\":true}")
        .toList();
    // Issued together: the mirror's single worker keeps call order.
    var appends = lines.stream()
        .map(l -> l.contains("\"n\":5,") ? mirror.appendUnfenced(l) : mirror.append(epoch, l))
        .toList();
    for (var append : appends) {
      await(append);
    }

    assertThat(await(mirror.readAll())).containsExactlyElementsOf(lines);
  }

  @Test
  void shouldRefuseAnEpochThisObserverWasNeverGranted() throws Exception {
    assertThatThrownBy(() -> await(mirror.append(epoch + 1, "forged")))
        .cause()
        .isInstanceOfSatisfying(LeaseFailure.class,
            f -> assertThat(f.code()).isEqualTo(LeaseFailure.Code.FENCED))
        .hasMessage("append under epoch " + (epoch + 1)
            + " refused: this observer was never granted it");
    assertThat(await(mirror.readAll())).isEmpty();
  }

  @Test
  void shouldAnswerUnavailableWithinTheSessionTimeoutWhenTheEnsembleIsDown() throws Exception {
    zk.loseQuorum();
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> await(mirror.appendUnfenced("re-armed")))
          .cause()
          .isInstanceOfSatisfying(LeaseFailure.class,
              f -> assertThat(f.code()).isEqualTo(LeaseFailure.Code.UNAVAILABLE))
          .hasMessageStartingWith("ZooKeeper append failed: ");
      assertThat(Await.elapsedMillis(start))
          .isLessThan(ZkEnsemble.SESSION.plusSeconds(1).toMillis());
    } finally {
      zk.restoreQuorum();
    }
  }
}
