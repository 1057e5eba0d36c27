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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two observers (two daemons on loopback, each the other's peer) watch one real PostgreSQL
 * primary and its standby. Ordered: pauses of the whole primary first, then the kill.
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


  /**
   * SIGSTOP or SIGCONT to the primary's whole process tree: the postmaster and every child
   * (backends, the WAL sender, checkpointer...). Stopping only the postmaster leaves the WAL
   * sender streaming, so the replica never loses anything and the test proves nothing.
   */
  private static List<Long> signalTree(String sig) throws IOException, InterruptedException {
    long postmaster = Long.parseLong(
        Files.readAllLines(pg.dir().resolve("primary/postmaster.pid")).get(0).strip());
    List<Long> tree = new ArrayList<>(List.of(postmaster));
    ProcessHandle.of(postmaster).ifPresent(h -> h.descendants().map(ProcessHandle::pid).forEach(tree::add));
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + sig));
    tree.forEach(pid -> cmd.add(Long.toString(pid)));
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    assertThat(p.waitFor()).as("%s", cmd).isZero();
    return tree;
  }

  /**
   * The primary freezes whole for 4.5 s, long enough that both observers' probes time out three
   * times and suspect it (SDOWN), then thaws. The probes family stands during each pause; what
   * keeps the outage from being declared is the replication family (DeadMaster): a frozen WAL
   * sender does not close its connection, so the replica keeps its link and never says it lost
   * the primary. Checked on every 100 ms sample: never declared.
   */
  @Test
  @Order(1)
  void shouldNotDeclareAnOutageForPausesOfTheWholePrimary() throws Exception {
    int pauses = 0;
    int suspectedPauses = 0;
    for (int i = 0; i < 4; i++) {
      List<Long> frozen = signalTree("STOP");
      boolean suspected = false;
      try {
        Instant thaw = Instant.now().plusMillis(4500);
        while (Instant.now().isBefore(thaw)) {
          suspected |= TwoObservers.suspects(a) && TwoObservers.suspects(b);
          assertNotDeclared(pauses);
          Await.pause(Duration.ofMillis(100));
        }
      } finally {
        signalTree("CONT");
      }
      pauses++;
      if (suspected) {
        suspectedPauses++;
      }
      System.out.printf("pause %d froze %d processes; both suspected: %s; verdict: %s%n", pauses,
          frozen.size(), suspected, a.detection().latest().orElseThrow().verdict());
      Instant until = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(until) && (TwoObservers.suspects(a) || TwoObservers.suspects(b))) {
        assertNotDeclared(pauses);
        Await.pause(Duration.ofMillis(100));
      }
      assertThat(TwoObservers.suspects(a) || TwoObservers.suspects(b))
          .as("suspicion cleared after pause %d", pauses).isFalse();
    }
    assertThat(suspectedPauses).as("pauses during which both observers suspected the primary")
        .isEqualTo(pauses);
    assertThat(a.metric("drwatch_observer_in_majority")).isEqualTo(1.0);
  }

  private static void assertNotDeclared(int pauses) {
    assertThat(TwoObservers.declared(a)).as("obs-a declared after %d pauses", pauses).isFalse();
    assertThat(TwoObservers.declared(b)).as("obs-b declared after %d pauses", pauses).isFalse();
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
    assertThat(a.metric("drwatch_target_suspected", "target=db-primary", "reporter=obs-b", "observer=obs-a")).isEqualTo(1.0);
    // SIGKILL closes the port: every probe since is refused, so the primary takes no writes.
    assertThat(a.detection().latest().orElseThrow().primaryRefusing("db-primary")).isTrue();
    assertThat(a.detection().latest().orElseThrow().inMajority()).isTrue();
  }
}
