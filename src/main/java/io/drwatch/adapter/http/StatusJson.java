package io.drwatch.adapter.http;

import io.drwatch.app.status.Exposure;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.channel.CompositeRpo;
import io.drwatch.port.AwsUsage;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Optional;

/** The body of {@code GET /api/v1/status}. Unknown values are JSON null, never 0. */
final class StatusJson {
  private StatusJson() {}

  static JsonObject of(StatusBoard board, String observer) {
    JsonArray channels = new JsonArray();
    java.time.Instant now = java.time.Instant.now();
    board.channels().forEach(s -> channels.add(channel(s)
        .put("lastErrorCode", board.lastErrorCode(s.name()).map(c -> c.label()).orElse(null))
        .put("direction", board.topology().direction(s.name()).map(d -> new JsonObject()
            .put("reversed", d.reversed()).put("words", d.words())
            .put("failedOverAt", d.failedOverAt().toString()).put("byRun", d.byRun())
            .put("protectedSince", d.protectedSince().map(Object::toString).orElse(null)))
            .orElse(new JsonObject().put("reversed", false).put("words", "as configured")))
        .put("drExposureSeconds", board.topology().exposure(s.name(), now).toMillis() / 1e3)));
    CompositeRpo composite = CompositeRpo.of(board.channels());
    return new JsonObject()
        .put("observer", observer)
        .put("ready", board.allProbed())
        .put("rpoSeconds", seconds(composite.max()))
        .put("rpoSkewSeconds", seconds(composite.skew()))
        .put("channels", channels)
        .put("exposure", exposure(board, now))
        .put("recentVerdicts", new JsonArray(board.recentVerdicts()));
  }

  /** The exposure banner's facts, null while every channel has a replica. */
  private static JsonObject exposure(StatusBoard board, java.time.Instant now) {
    return Exposure.of(board.topology(), now).map(e -> new JsonObject()
        .put("channels", new JsonArray(e.channels()))
        .put("since", e.since().toString())
        .put("seconds", e.longest().toMillis() / 1e3)
        .put("remedy", Exposure.REMEDY)
        .put("line", e.line())).orElse(null);
  }

  private static JsonObject channel(ChannelStatus s) {
    return new JsonObject()
        .put("name", s.name())
        .put("kind", s.spec().kind().configName())
        .put("condition", s.condition().name())
        .put("rpoSeconds", seconds(s.rpo()))
        .put("rpoLowerSeconds", seconds(s.rpoLower()))
        .put("rpoEstimateSeconds", seconds(s.rpoEstimate()))
        .put("rpoResolutionSeconds", seconds(Optional.of(s.resolution())))
        .put("rpoObjectiveSeconds", seconds(Optional.of(s.spec().rpoObjective())))
        .put("replicaAgeSeconds", seconds(s.replicaAge()))
        .put("replicaLink", s.replicaLink().name())
        .put("primarySeq", s.primarySeq())
        .put("replicaSeq", s.replicaSeq())
        .put("lastSuccess", s.lastSuccess().map(Object::toString).orElse(null))
        .put("lastError", s.lastError().orElse(null))
        .put("lastVerdict", s.verdict())
        .put("lastProbeSeconds", s.lastProbe().toNanos() / 1e9)
        .put("rounds", s.rounds())
        .put("updatedAt", s.updatedAt().toString())
        .put("reported", s.reported().map(r -> new JsonObject()
            .put("source", r.source())
            .put("lagSeconds", r.reported().toNanos() / 1e9)
            .put("at", r.at().toString())).orElse(null))
        .put("telemetryContradicted", s.telemetryContradicted())
        .put("warmUpSeconds", seconds(s.warmUp()));
  }

  /**
   * What AWS costs the daemon: the CloudWatch GetMetricData volume and list price its current
   * channels imply, and SDK calls by outcome (the same counts as {@code drwatch_aws_requests_total}).
   */
  static JsonObject aws(AwsUsage usage) {
    JsonObject outcomes = new JsonObject();
    AwsUsage.OUTCOMES.forEach(o -> outcomes.put(o, 0L));
    usage.requests().forEach(c -> outcomes.put(c.outcome(), outcomes.getLong(c.outcome(), 0L) + c.count()));
    return new JsonObject()
        .put("cloudwatchMetricsPerMonth", usage.cloudWatchMetricsPerMonth())
        .put("cloudwatchCostPerMonthUsd", Math.round(usage.cloudWatchCostPerMonthUsd() * 100) / 100.0)
        .put("requests", outcomes);
  }

  private static Double seconds(Optional<Duration> d) {
    return d.map(x -> x.toNanos() / 1e9).orElse(null);
  }
}
