package io.drwatch.adapter.http;

import io.drwatch.domain.runbook.SwitchoverWindow;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RtoProjection;
import io.drwatch.domain.runbook.StepRecord;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** JSON views of runs and of the RTO projection. */
final class RunJson {
  private RunJson() {}

  static JsonObject of(FailoverRun r) {
    JsonArray steps = new JsonArray();
    for (StepRecord s : r.steps().values()) {
      steps.add(new JsonObject().put("step", s.step()).put("state", s.state().name())
          .put("attempt", s.attempt())
          .put("startedAt", s.startedAt().map(Object::toString).orElse(null))
          .put("endedAt", s.endedAt().map(Object::toString).orElse(null))
          .put("seconds", s.duration().map(d -> d.toNanos() / 1e9).orElse(null))
          .put("message", s.message()));
    }
    JsonObject rpo = new JsonObject();
    r.trigger().rpo().forEach((ch, d) -> rpo.put(ch, d.toNanos() / 1e9));
    return new JsonObject().put("id", r.runId()).put("mode", r.mode().word())
        .put("state", r.state().name())
        .put("startedAt", r.startedAt().map(Object::toString).orElse(null))
        .put("endedAt", r.endedAt().map(Object::toString).orElse(null))
        .put("approvedBy", r.approvedBy().orElse(null))
        .put("dataLossAcceptedBy", r.dataLossAcceptedBy().orElse(null))
        .put("reason", r.reason())
        .put("trigger", new JsonObject().put("evidence", new JsonArray(r.trigger().evidence()))
            .put("rpoSeconds", rpo))
        .put("steps", steps)
        .put("measured", r.measured().map(m -> {
          JsonObject measuredRpo = new JsonObject();
          m.rpo().forEach((ch, d) -> measuredRpo.put(ch, d.toNanos() / 1e9));
          return new JsonObject().put("rtoSeconds", m.rto().toNanos() / 1e9).put("rpoSeconds", measuredRpo);
        }).orElse(null))
        .put("switchover", r.switchover().map(m -> new JsonObject()
            .put("writeUnavailableSeconds", m.writeUnavailable().toNanos() / 1e9)
            .put("rpoSeconds", m.rpo().toNanos() / 1e9)
            .put("proven", r.dataLossAcceptedBy().isEmpty())
            .put("verdict", SwitchoverWindow.verdict(r).orElseThrow())).orElse(null));
  }


  static JsonObject projection(RtoProjection p) {
    JsonArray steps = new JsonArray();
    p.steps().forEach(s -> steps.add(new JsonObject().put("step", s.step())
        .put("projectedSeconds", s.projected().toNanos() / 1e9).put("basis", s.basis().name())
        .put("samples", s.samples()).put("text", s.text())));
    return new JsonObject()
        .put("rtoSeconds", p.isInfinite() ? null : p.totalSeconds())
        .put("unrecoverable", p.isInfinite())
        .put("detectionSeconds", p.detection().toNanos() / 1e9)
        .put("criticalPath", new JsonArray(p.criticalPath().steps()))
        .put("steps", steps)
        .put("reasons", new JsonArray(p.reasons()))
        .put("verdict", p.verdict());
  }
}
