package io.drwatch.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue 10 (c): the lease holder is SIGKILLed while its webhook step is in flight (the sink holds
 * the request 8 s). Another observer must take the lease within sessionTimeout + 5 s and finish
 * the same run from the ZooKeeper mirror: the promotion is not applied again (one timeline
 * switch, one "selected new timeline ID"), and the webhook is not repeated (its checkUrl reports
 * the effect landed, so the step is skipped). Fails if nobody takes over the run or a side effect
 * repeats (today no one resumes another observer's run: each observer runs its own).
 */
@ExtendWith(DumpOnFailure.class)
class ExecutorKilledMidRunIT {
  private static final Duration WEBHOOK_DELAY = Duration.ofSeconds(8);
  private static E2eCluster c;

  @BeforeAll
  static void start() throws Exception {
    c = E2eCluster.start("executor-killed");
    c.sink.delay(WEBHOOK_DELAY);
  }

  @AfterAll
  static void stop() throws Exception {
    if (c != null) {
      c.close();
    }
  }

  @Test
  void anotherObserverFinishesTheRunWithoutRepeatingSideEffects() throws Exception {
    long t0 = System.nanoTime();
    long tli = c.standbyTimeline();
    c.killPrimary();
    Await.until(E2eCluster.DETECTION.plusSeconds(30), "the webhook request arrives at the sink",
        () -> c.sink.count("/notify") >= 1);
    c.mark("webhook in flight (sink holds it " + WEBHOOK_DELAY.toSeconds() + " s)");

    // The holder: its journal has the notify step started and not ended.
    AtomicReference<Observer> holderRef = new AtomicReference<>();
    AtomicReference<String> runRef = new AtomicReference<>();
    Await.until(Duration.ofSeconds(3), "an observer with notify started and unfinished", () -> {
      for (Observer o : c.observers) {
        for (JsonNode run : o.executeRuns()) {
          String id = run.path("runId").asText();
          List<JsonNode> rs = Scenario.runRecords(o, id);
          if (Scenario.count(rs, "step-started", "notify") > 0 && Scenario.count(rs, "step-finished", "notify") == 0
              && Scenario.count(rs, "step-failed", "notify") == 0) {
            holderRef.set(o);
            runRef.set(id);
            return true;
          }
        }
      }
      return false;
    });
    Observer holder = holderRef.get();
    String runId = runRef.get();
    long holderEpoch = Scenario.runRecords(holder, runId).stream().mapToLong(Scenario::epoch).max().orElse(-1);
    System.out.printf("[e2e executor-killed] holder %s (pid %d), run %s, epoch %d; executors so far %s%n",
        holder, holder.pid(), runId, holderEpoch, c.executors());
    long killed = System.nanoTime();
    holder.kill9();
    c.mark("holder " + holder.name + " SIGKILLed mid-webhook");

    List<Observer> others = new ArrayList<>(c.observers);
    others.remove(holder);
    AtomicReference<Observer> successorRef = new AtomicReference<>();
    Duration takeoverBudget = E2eCluster.SESSION_TIMEOUT.plusSeconds(5);
    Await.until(takeoverBudget, "another observer journals run " + runId + " (lease taken over)", () -> {
      for (Observer o : others) {
        if (!Scenario.runRecords(o, runId).isEmpty()) {
          successorRef.set(o);
          return true;
        }
      }
      return false;
    });
    long takeoverMs = Await.elapsedMillis(killed);
    Observer successor = successorRef.get();
    c.mark("takeover by " + successor.name + " after " + takeoverMs + " ms");
    Await.until(Duration.ofSeconds(30), successor.name + " finishes run " + runId,
        () -> Scenario.count(Scenario.runRecords(successor, runId), "run-finished", null) == 1);
    long finishedMs = Await.elapsedMillis(killed);
    c.mark("run finished by " + successor.name + " " + finishedMs + " ms after the kill");
    // Let a late duplicate show itself: the held request's answer, any other observer's own run.
    Await.pause(E2eCluster.DETECTION.plusSeconds(3));

    List<JsonNode> succ = Scenario.runRecords(successor, runId);
    System.out.printf("[e2e executor-killed] takeover %d ms (budget %d ms), finished %d ms after kill%n"
            + "  successor journal for the run: %s%n  %s, promotions in standby log %d, executors %s%n",
        takeoverMs, takeoverBudget.toMillis(), finishedMs, succ, c.sink.summary(), c.promotionsInStandbyLog(),
        c.executors());
    assertThat(succ).filteredOn(r -> "run-finished".equals(r.path("type").asText()))
        .singleElement().extracting(r -> r.path("outcome").asText()).isEqualTo("succeeded");
    assertThat(Scenario.count(succ, "step-started", "promote-db")).as("promote-db re-applied by the successor")
        .isZero();
    assertThat(c.promotionsInStandbyLog()).as("promotions in the standby's server log").isEqualTo(1);
    assertThat(c.standbyTimeline()).as("timeline advanced by exactly one").isEqualTo(tli + 1);
    assertThat(c.sink.count("/notify")).as("webhook requests (checkUrl makes the step idempotent)").isEqualTo(1);
    long successorEpoch = succ.stream().mapToLong(Scenario::epoch).max().orElse(-1);
    assertThat(successorEpoch).as("the successor's fencing epoch").isGreaterThan(holderEpoch);
    for (Observer o : others) {
      if (o != successor) {
        assertThat(o.executeRuns()).as("%s's execute runs", o.name).isEmpty();
      }
    }
    assertThat(successor.executeRuns().stream().map(r -> r.path("runId").asText()).filter(id -> !id.equals(runId)))
        .as("runs of its own on the successor").isEmpty();
    Scenario.printTimings("executor-killed", c, t0);
  }
}
