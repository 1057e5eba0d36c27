package io.drwatch.adapter.report;

import io.drwatch.domain.report.AuditReport;
import io.drwatch.domain.report.ChannelFigures;
import io.drwatch.domain.report.Charts;
import io.drwatch.domain.report.ProbeErrors;
import io.drwatch.domain.report.RunEvidence;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/**
 * The report as JSON: durations in seconds (numbers), instants ISO-8601 UTC, unknown as null,
 * never 0. Field names are the public form, documented in docs/audit-report.md.
 */
public final class ReportJson {
  private ReportJson() {}

  public static JsonObject of(AuditReport r) {
    JsonArray channels = new JsonArray();
    r.channels().forEach(c -> channels.add(channel(c)));
    JsonArray runs = new JsonArray();
    r.runs().forEach(run -> runs.add(run(run)));
    return new JsonObject()
        .put("generatedAt", r.generatedAt().toString())
        .put("from", r.from().toString())
        .put("to", r.to().toString())
        .put("resolution", r.tier().label())
        .put("channels", channels)
        .put("runs", runs)
        .put("rto", rto(r.rto()))
        .put("series", series(r.charts()));
  }

  static JsonObject channel(ChannelFigures c) {
    JsonObject conditions = new JsonObject();
    c.conditionSeconds().forEach(conditions::put);
    return new JsonObject()
        .put("channel", c.channel())
        .put("objectiveSeconds", seconds(c.objective()))
        .put("windowSeconds", c.windowSeconds())
        .put("observedSeconds", c.observedSeconds())
        .put("unobservedSeconds", c.unobservedSeconds())
        .put("withinObjectiveSeconds", c.withinSeconds())
        .put("percentWithinObjective", Double.isNaN(c.percentWithin()) ? null : c.percentWithin())
        .put("worst", c.worst().map(ReportJson::worst).orElse(null))
        .put("conditionSeconds", conditions)
        .put("exposedSeconds", c.exposedSeconds())
        .put("rpoPercentiles", new JsonObject()
            .put("p50", seconds(c.p50())).put("p95", seconds(c.p95())).put("p99", seconds(c.p99()))
            .put("exact", c.exact()))
        .put("probeErrors", probeErrors(c.probeErrors()));
  }

  private static JsonObject probeErrors(ProbeErrors e) {
    JsonObject byCode = new JsonObject();
    e.episodes().forEach(byCode::put);
    return new JsonObject().put("episodes", byCode).put("last", e.last().map(l -> new JsonObject()
        .put("code", l.code()).put("at", l.started().toString()).put("message", l.message())
        .put("clearedAt", l.ended().map(Object::toString).orElse(null))).orElse(null));
  }

  static JsonObject run(RunEvidence r) {
    JsonObject rpo = new JsonObject();
    r.rpo().forEach((ch, d) -> rpo.put(ch, new JsonObject().put("seconds", seconds(d))
        .put("objectiveSeconds", seconds(Optional.ofNullable(r.rpoObjectives().get(ch))))
        .put("met", r.rpoMet(ch).orElse(null))));
    return new JsonObject()
        .put("runId", r.runId())
        .put("mode", r.mode())
        .put("outcome", r.outcome())
        .put("startedAt", r.started().toString())
        .put("endedAt", r.ended().map(Object::toString).orElse(null))
        .put("rtoSeconds", seconds(r.rto()))
        .put("rtoObjectiveSeconds", seconds(r.rtoObjective()))
        .put("rtoMet", r.rtoMet().orElse(null))
        .put("rpo", rpo);
  }

  private static JsonObject rto(AuditReport.RtoFigures f) {
    return new JsonObject()
        .put("objectiveSeconds", seconds(f.objective()))
        .put("observedSeconds", f.observedSeconds())
        .put("infiniteSeconds", f.infiniteSeconds())
        .put("worst", f.worst().map(ReportJson::worst).orElse(null))
        .put("latestSeconds", seconds(f.latest()));
  }

  private static JsonObject series(Charts c) {
    JsonObject channels = new JsonObject();
    c.channels().forEach((name, chart) -> {
      JsonArray points = new JsonArray();
      chart.rpo().forEach(p -> points.add(new JsonArray().add(p.start())
          .add(p.maxMs() < 0 ? null : p.maxMs() / 1000.0).add(p.objectiveMs() / 1000.0)));
      JsonArray segments = new JsonArray();
      chart.conditions().forEach(s -> segments.add(new JsonArray().add(s.start()).add(s.end()).add(s.condition())));
      channels.put(name, new JsonObject().put("rpo", points).put("conditions", segments));
    });
    JsonArray rto = new JsonArray();
    c.rto().forEach(p -> rto.add(new JsonArray().add(p.start())
        .add(p.maxMs() < 0 ? null : p.maxMs() / 1000.0).add(p.infinite())));
    return new JsonObject().put("stepSeconds", c.step()).put("channels", channels).put("rto", rto);
  }

  private static JsonObject worst(ChannelFigures.Worst w) {
    return new JsonObject().put("seconds", seconds(w.rpo())).put("at", w.at().toString());
  }

  static Double seconds(Optional<Duration> d) {
    return d.map(ReportJson::seconds).orElse(null);
  }

  static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
