package io.drwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.testkit.Await;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads shared by the scenario ITs. */
final class Scenario {
  private Scenario() {}

  /** This observer's own report on db-primary (suspected or not), from its status API. */
  static JsonNode ownReport(Observer o) throws Exception {
    JsonNode targets = o.status().path("detection").path("targets");
    if (targets.isArray() && !targets.isEmpty()) {
      for (JsonNode r : targets.get(0).path("observers")) {
        if (r.path("observer").asText().equals(o.name)) {
          return r;
        }
      }
    }
    return Observer.JSON.createObjectNode();
  }

  static boolean outageDeclared(Observer o) throws Exception {
    return o.status().path("detection").path("outageDeclared").asBoolean(false);
  }

  /** orders-db reads UNPROTECTED and no outage is declared: the failover is complete. */
  static boolean failedOver(Observer o) throws Exception {
    JsonNode status = o.status();
    for (JsonNode ch : status.path("channels")) {
      if ("orders-db".equals(ch.path("name").asText())) {
        return "UNPROTECTED".equals(ch.path("condition").asText())
            && !status.path("detection").path("outageDeclared").asBoolean(true);
      }
    }
    return false;
  }

  /** Every channel of every observer reads HEALTHY. */
  static boolean allHealthy(E2eCluster c) throws Exception {
    for (Observer o : c.observers) {
      for (JsonNode ch : o.status().path("channels")) {
        if (!"HEALTHY".equals(ch.path("condition").asText())) {
          return false;
        }
      }
    }
    return true;
  }

  static String conditions(E2eCluster c) {
    StringBuilder sb = new StringBuilder();
    for (Observer o : c.observers) {
      try {
        List<String> cs = new ArrayList<>();
        o.status().path("channels").forEach(ch -> cs.add(ch.path("name").asText() + "=" + ch.path("condition").asText()));
        sb.append(o.name).append(cs).append(' ');
      } catch (Exception e) {
        sb.append(o.name).append("(").append(e.getMessage()).append(") ");
      }
    }
    return sb.toString().strip();
  }

  /** Records of run {@code runId} in this observer's journal. */
  static List<JsonNode> runRecords(Observer o, String runId) throws IOException {
    return o.journal().stream().filter(r -> runId.equals(r.path("runId").asText())).toList();
  }

  static long count(List<JsonNode> records, String type, String step) {
    return records.stream().filter(r -> type.equals(r.path("type").asText())
        && (step == null || step.equals(r.path("step").asText()))).count();
  }

  /** The epoch a record carries, or -1 when it has none. */
  static long epoch(JsonNode record) {
    JsonNode e = record.get("epoch");
    return e == null || e.isNull() ? -1 : e.asLong(-1);
  }

  static void printTimings(String scenario, E2eCluster c, long startNanos) {
    System.out.printf("[e2e %s] total %d ms%n", scenario, Await.elapsedMillis(startNanos));
  }
}
