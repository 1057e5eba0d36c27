package io.drwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.testkit.Await;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 (b): the primary's postmaster is SIGKILLed; all three observers see it and declare, but
 * exactly one executes: the one holding the ZooKeeper lease. One promotion, one webhook request
 * carrying the lease's fencing epoch, one journal with the run, whose records carry that epoch.
 * Fails if more than one observer executes (today each of the three runs its own failover).
 */
@ExtendWith(DumpOnFailure.class)
class SingleExecutorIT {
  private static E2eCluster c;

  @BeforeAll
  static void start() throws Exception {
    c = E2eCluster.start("single-executor");
  }

  @AfterAll
  static void stop() throws Exception {
    if (c != null) {
      c.close();
    }
  }

  @Test
  void exactlyOneObserverExecutesTheFailover() throws Exception {
    long t0 = System.nanoTime();
    long tli = c.standbyTimeline();
    c.killPrimary();
    Await.until(E2eCluster.DETECTION.plusSeconds(30), "standby promoted and the webhook called",
        () -> !c.standbyInRecovery() && c.sink.count("/notify") >= 1);
    c.mark("standby promoted, webhook called after " + Await.elapsedMillis(t0) + " ms");
    Await.until(Duration.ofSeconds(30), "a run finished", () -> {
      for (Observer o : c.observers) {
        if (!o.records("run-finished").isEmpty()) {
          return true;
        }
      }
      return false;
    });
    c.mark("run finished");
    // Give a second executor every chance to show itself: twice what detection needs.
    Await.pause(E2eCluster.DETECTION.multipliedBy(2));
    c.mark("settled");

    List<Observer> executors = c.executors();
    System.out.printf("[e2e single-executor] executors=%s, %s, promotions in standby log=%d%n",
        executors, c.sink.summary(), c.promotionsInStandbyLog());
    assertThat(executors).as("observers whose journal holds an execute run").hasSize(1);
    Observer ex = executors.get(0);
    assertThat(ex.executeRuns()).as("execute runs in %s's journal", ex.name).hasSize(1);
    assertThat(c.promotionsInStandbyLog()).as("promotions in the standby's server log").isEqualTo(1);
    assertThat(c.standbyTimeline()).as("timeline advanced by exactly one").isEqualTo(tli + 1);
    assertThat(c.sink.count("/notify")).as("webhook requests").isEqualTo(1);
    String header = c.sink.hits().get(0).epoch();
    assertThat(header).as("X-Drwatch-Epoch on the webhook request").isNotNull();
    long epoch = Long.parseLong(header.strip());
    assertThat(epoch).isGreaterThanOrEqualTo(1);
    String runId = ex.executeRuns().get(0).path("runId").asText();
    List<JsonNode> records = Scenario.runRecords(ex, runId);
    assertThat(Scenario.count(records, "run-finished", null)).isEqualTo(1);
    assertThat(records).filteredOn(r -> "run-finished".equals(r.path("type").asText()))
        .singleElement().extracting(r -> r.path("outcome").asText()).isEqualTo("succeeded");
    for (JsonNode r : records) {
      assertThat(Scenario.epoch(r)).as("epoch of %s", r).isEqualTo(epoch);
    }
    Scenario.printTimings("single-executor", c, t0);
  }
}
