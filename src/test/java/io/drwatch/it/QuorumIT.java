package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two observers (two daemons on loopback, each the other's peer) watch one real PostgreSQL
 * primary and its standby. Ordered: pauses first, then the kill.
 */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuorumIT {
  private static final int FAILURES_TO_SUSPECT = 3;
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration HOLD_FOR = Duration.ofSeconds(2);
  private static PostgresPair pg;
  private static DaemonHarness a;
  private static DaemonHarness b;

  @BeforeAll
  static void start(PostgresPair pair) throws Exception {
    pg = pair;
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    a = DaemonHarness.start(TwoObservers.config(pg, "obs-a", portA, portB, FAILURES_TO_SUSPECT));
    b = DaemonHarness.start(TwoObservers.config(pg, "obs-b", portB, portA, FAILURES_TO_SUSPECT));
    Await.until(Duration.ofSeconds(15), () -> TwoObservers.peersSeen(a) && TwoObservers.peersSeen(b));
  }

  @AfterAll
  static void stop() throws Exception {
    for (DaemonHarness d : new DaemonHarness[] {a, b}) {
      if (d != null) {
        d.close();
      }
    }
  }


  private static void signal(String sig) throws IOException, InterruptedException {
    String pid = Files.readAllLines(pg.dir().resolve("primary/postmaster.pid")).get(0).strip();
    Process p = new ProcessBuilder("kill", "-" + sig, pid).inheritIO().start();
    assertThat(p.waitFor()).isZero();
  }

  @Test
  @Order(1)
  void shouldNotDeclareAnOutageForShortPausesOfThePrimary() throws Exception {
    Instant end = Instant.now().plusSeconds(60);
    int pauses = 0;
    while (Instant.now().isBefore(end)) {
      signal("STOP");
      Await.pause(Duration.ofMillis(800));
      signal("CONT");
      pauses++;
      Instant next = Instant.now().plusMillis(2200);
      while (Instant.now().isBefore(next)) {
        assertThat(TwoObservers.declared(a)).as("obs-a declared after %d pauses", pauses).isFalse();
        assertThat(TwoObservers.declared(b)).as("obs-b declared after %d pauses", pauses).isFalse();
        Await.pause(Duration.ofMillis(100));
      }
    }
    System.out.printf("SIGSTOP 0.8s every 3s, %d pauses: no outage declared; last verdict: %s%n",
        pauses, a.detection().latest().orElseThrow().verdict());
    assertThat(pauses).isGreaterThanOrEqualTo(19);
  }

  @Test
  @Order(2)
  void shouldDeclareWhenThePrimaryDiesWithinTheDetectionBudget() throws Exception {
    assertThat(TwoObservers.declared(a) || TwoObservers.declared(b)).isFalse();
    long killed = System.nanoTime();
    pg.killPrimary();
    Duration budget = INTERVAL.multipliedBy(FAILURES_TO_SUSPECT).plus(HOLD_FOR).plusSeconds(1);
    Await.until(budget.plusSeconds(5), () -> TwoObservers.declared(a) && TwoObservers.declared(b));
    Duration took = Duration.ofNanos(System.nanoTime() - killed);
    System.out.printf("kill -> declared on both observers after %d ms (budget %d ms): %s%n",
        took.toMillis(), budget.toMillis(), a.detection().latest().orElseThrow().verdict());
    assertThat(took).isLessThanOrEqualTo(budget);
    assertThat(a.metric("drwatch_outage_declared")).isEqualTo(1.0);
    // Shadow mode: declared, but these observers have no runbook, so nothing would act.
    assertThat(a.metric("drwatch_would_failover")).isEqualTo(0.0);
    assertThat(a.detection().latest().orElseThrow().shadow().line())
        .contains("outage declared for db-primary", "blocked by no runbook configured");
    assertThat(a.metric("drwatch_failover_expected_loss_seconds")).isGreaterThanOrEqualTo(0.0);
    assertThat(a.metric("drwatch_target_suspected", "target=db-primary", "observer=obs-b")).isEqualTo(1.0);
  }
}
