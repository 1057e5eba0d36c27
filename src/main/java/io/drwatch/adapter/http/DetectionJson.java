package io.drwatch.adapter.http;

import io.drwatch.app.decide.Detection;
import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Vote;
import io.drwatch.domain.detect.ObserverReport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/** The {@code detection} part of the status API: votes, missing votes, shadow mode, verdicts. */
final class DetectionJson {
  private DetectionJson() {}

  static JsonObject of(DetectionBoard board) {
    JsonObject json = new JsonObject().put("recentVerdicts", new JsonArray(board.recentVerdicts()));
    board.latest().ifPresent(d -> fill(json, d));
    return json;
  }

  private static void fill(JsonObject json, Detection d) {
    JsonArray targets = new JsonArray();
    d.decisions().forEach(decision -> targets.add(decision(decision, d)));
    json.put("at", d.at().toString())
        .put("observer", d.observer())
        .put("tilt", new JsonObject().put("tilted", d.tilt().tilted()).put("reason", d.tilt().reason()))
        .put("majority", new JsonObject().put("inMajority", d.inMajority())
            .put("hears", d.majority().hears()).put("observers", d.majority().observers())
            .put("stale", new JsonArray(d.majority().stale())).put("line", d.majority().verdictLine()))
        .put("outageDeclared", d.declared())
        .put("wouldFailover", d.shadow().wouldFailover())
        .put("expectedLossSeconds", d.shadow().expectedLoss().map(x -> x.toNanos() / 1e9).orElse(null))
        .put("shadow", d.shadow().line())
        .put("verdict", d.verdict())
        .put("targets", targets);
  }

  private static JsonObject decision(Decision decision, Detection d) {
    JsonObject votes = new JsonObject();
    for (Map.Entry<SignalFamily, List<Vote>> e : decision.votes().entrySet()) {
      JsonArray list = new JsonArray();
      e.getValue().forEach(v -> list.add(new JsonObject().put("voter", v.voter())
          .put("castAt", v.castAt().toString()).put("detail", v.detail())));
      votes.put(e.getKey().configName(), list);
    }
    JsonArray observers = new JsonArray();
    d.own().stream().filter(r -> r.target().equals(decision.target()))
        .forEach(r -> observers.add(report(r)));
    d.peers().stream().filter(r -> r.target().equals(decision.target()))
        .forEach(r -> observers.add(report(r)));
    return new JsonObject()
        .put("target", decision.target())
        .put("phase", decision.phase().name())
        .put("declared", decision.declared())
        .put("standing", decision.standing())
        .put("needed", decision.needed())
        .put("votes", votes)
        .put("missing", new JsonArray(decision.missing().stream().map(SignalFamily::configName).toList()))
        .put("primaryRefusing", d.primaryRefusing(decision.target()))
        .put("observers", observers)
        .put("verdict", decision.verdict());
  }

  private static JsonObject report(ObserverReport r) {
    return new JsonObject().put("observer", r.observer()).put("suspected", r.suspected())
        .put("seenAt", r.seenAt().toString()).put("detail", r.detail());
  }
}
