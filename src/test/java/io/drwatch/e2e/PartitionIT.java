package io.drwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 (a): observer 1 and the standby's upstream are cut off from the primary, the other
 * observers and ZooKeeper, for five times what detection needs. Observer 1 alone sees the primary
 * gone (probes) and the standby's link down (replication), and can still reach the standby to
 * promote it; but it hears 1 of 3 observers, a minority, so nothing may be declared or executed.
 * Fails if the minority observer acts (today's daemon does: "probes 1/1 suspect db-primary (obs2,
 * obs3 stale)" declares and promotes).
 */
@ExtendWith(DumpOnFailure.class)
class PartitionIT {
  private static E2eCluster c;

  @BeforeAll
  static void start() throws Exception {
    c = E2eCluster.start("partition");
  }

  @AfterAll
  static void stop() throws Exception {
    if (c != null) {
      c.close();
    }
  }

  @Test
  void aMinorityObserverDeclaresAndPromotesNothing() throws Exception {
    long t0 = System.nanoTime();
    Observer o1 = c.obs(1);
    Duration hold = E2eCluster.DETECTION.multipliedBy(5); // 25 s
    c.partitionObs1();
    try {
      // the cut is real for the daemon: obs1 suspects the primary itself
      Await.until(E2eCluster.DETECTION.plusSeconds(10), "obs1 suspects db-primary",
          () -> Scenario.ownReport(o1).path("suspected").asBoolean());
      c.mark("obs1 suspects db-primary");
      Await.until(Duration.ofSeconds(15), "standby loses its upstream", () -> !c.standbyStreaming());
      c.mark("standby no longer streaming");
      long end = System.nanoTime() + hold.toNanos();
      int looks = 0;
      while (System.nanoTime() < end) {
        assertThat(c.executeRunsEverywhere()).as("execute runs in any journal during the partition (look %d)", looks)
            .isZero();
        assertThat(c.sink.total()).as("webhook requests during the partition").isZero();
        assertThat(c.standbyInRecovery()).as("standby still in recovery (not promoted)").isTrue();
        looks++;
        Await.pause(Duration.ofMillis(500));
      }
      c.mark("partition held " + hold.toSeconds() + " s, " + looks + " looks: nothing declared or executed");
      for (Observer o : c.observers) {
        assertThat(Scenario.outageDeclared(o)).as("%s declared an outage", o.name).isFalse();
      }
      assertThat(o1.requireMetric("drwatch_observer_in_majority")).as("obs1 in majority").isEqualTo(0.0);
      assertThat(c.obs(2).requireMetric("drwatch_observer_in_majority")).as("obs2 in majority").isEqualTo(1.0);
    } finally {
      c.heal();
    }
    Await.until(Duration.ofSeconds(45), "every channel HEALTHY and every observer in the majority again", () -> {
      if (!Scenario.allHealthy(c)) {
        return false;
      }
      for (Observer o : c.observers) {
        if (o.requireMetric("drwatch_observer_in_majority") != 1.0) {
          return false;
        }
      }
      return true;
    });
    c.mark("healed: all HEALTHY, all in majority");
    assertThat(c.executeRunsEverywhere()).isZero();
    assertThat(c.sink.total()).isZero();
    assertThat(c.standbyInRecovery()).isTrue();
    Scenario.printTimings("partition", c, t0);
  }
}
