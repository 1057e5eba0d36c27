package io.drwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.Await;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 (d): after a failover, automatic triggering stays latched off cluster-wide, across a
 * restart of every observer, until an operator re-arms it. The restarted observers see the
 * outage again (the old primary is still dead), and the runbook's cooldown is only 1 s, so only
 * the latch stands between them and a second run. Fails if any journal gets a new run, the sink
 * a new request, or {@code drwatch_failover_armed} reads other than 0 before the re-arm.
 */
@ExtendWith(DumpOnFailure.class)
class RestartAfterFailoverIT {
  private static final String ARMED = "drwatch_failover_armed";
  private static E2eCluster c;

  @BeforeAll
  static void start() throws Exception {
    c = E2eCluster.start("restart");
  }

  @AfterAll
  static void stop() throws Exception {
    if (c != null) {
      c.close();
    }
  }

  @Test
  void nothingStartsAfterARestartUntilAnOperatorReArms() throws Exception {
    long t0 = System.nanoTime();
    c.killPrimary();
    Await.until(E2eCluster.DETECTION.plusSeconds(30), "the failover ran (standby promoted, webhook called)",
        () -> !c.standbyInRecovery() && c.sink.count("/notify") >= 1);
    Await.until(Duration.ofSeconds(30), "a run finished", () -> {
      for (Observer o : c.observers) {
        if (!o.records("run-finished").isEmpty()) {
          return true;
        }
      }
      return false;
    });
    Await.pause(Duration.ofSeconds(3));
    c.mark("failover done: executors " + c.executors() + ", " + c.sink.summary());

    Map<String, Integer> runsBefore = new HashMap<>();
    for (Observer o : c.observers) {
      runsBefore.put(o.name, o.records("run-started").size());
    }
    int sinkBefore = c.sink.total();

    for (Observer o : c.observers) {
      o.stop();
    }
    c.mark("all observers stopped (SIGTERM)");
    for (Observer o : c.observers) {
      o.start();
    }
    c.awaitReady();
    c.mark("all observers restarted and ready");
    // The journal (the cluster's, in ZooKeeper) still says the channel runs the other way: every
    // restarted observer reads it UNPROTECTED and no longer declares about the dead old primary.
    Await.until(E2eCluster.DETECTION.plusSeconds(20), "every restarted observer reads orders-db UNPROTECTED", () -> {
      for (Observer o : c.observers) {
        if (!Scenario.failedOver(o)) {
          return false;
        }
      }
      return true;
    });
    c.mark("failed over on all: UNPROTECTED, nothing declared");
    long end = System.nanoTime() + E2eCluster.DETECTION.multipliedBy(2).toNanos();
    while (System.nanoTime() < end) {
      for (Observer o : c.observers) {
        assertThat(o.records("run-started").size()).as("runs in %s's journal after the restart", o.name)
            .isEqualTo(runsBefore.get(o.name));
        assertThat(o.requireMetric(ARMED)).as("%s %s before re-arm", o.name, ARMED).isEqualTo(0.0);
        assertThat(Scenario.outageDeclared(o)).as("%s declares about the old primary", o.name).isFalse();
      }
      assertThat(c.sink.total()).as("webhook requests after the restart").isEqualTo(sinkBefore);
      Await.pause(Duration.ofMillis(500));
    }
    c.mark("latched: no new run for " + E2eCluster.DETECTION.multipliedBy(2).toSeconds() + " s");

    HttpResponse<String> anonymous = c.obs(2).post("/api/v1/rearm", null);
    assertThat(anonymous.statusCode()).as("re-arm without the operator token").isIn(401, 403);
    assertThat(c.obs(2).requireMetric(ARMED)).isEqualTo(0.0);
    HttpResponse<String> rearm = c.obs(2).post("/api/v1/rearm", E2eCluster.TOKEN);
    assertThat(rearm.statusCode()).as("re-arm: %s", rearm.body()).isBetween(200, 299);
    Await.until(Duration.ofSeconds(15), ARMED + " = 1 on every observer after one re-arm", () -> {
      for (Observer o : c.observers) {
        if (o.requireMetric(ARMED) != 1.0) {
          return false;
        }
      }
      return true;
    });
    c.mark("re-armed cluster-wide via obs2");
    // Re-armed for the next outage: the old primary, failed over, starts nothing (and DR is not back).
    long quiet = System.nanoTime() + E2eCluster.DETECTION.toNanos();
    while (System.nanoTime() < quiet) {
      for (Observer o : c.observers) {
        assertThat(o.records("run-started").size()).as("runs in %s's journal after the re-arm", o.name)
            .isEqualTo(runsBefore.get(o.name));
      }
      assertThat(c.sink.total()).as("webhook requests after the re-arm").isEqualTo(sinkBefore);
      Await.pause(Duration.ofMillis(500));
    }
    for (Observer o : c.observers) {
      assertThat(Scenario.failedOver(o)).as("%s still UNPROTECTED after the re-arm", o.name).isTrue();
    }
    c.mark("re-armed, still UNPROTECTED: nothing started");
    Map<String, Integer> runsAfter = new HashMap<>();
    for (Observer o : c.observers) {
      runsAfter.put(o.name, o.records("run-started").size());
    }
    System.out.printf("[e2e restart] runs before restart %s, after re-arm %s; sink %d -> %d%n", runsBefore,
        runsAfter, sinkBefore, c.sink.total());
    Scenario.printTimings("restart", c, t0);
  }
}
