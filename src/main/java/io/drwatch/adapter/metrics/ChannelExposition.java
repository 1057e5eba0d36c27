package io.drwatch.adapter.metrics;

import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-channel families in Prometheus text format 0.0.4, written straight from one snapshot of
 * the board: at 10,000 channels the registry's generic path (a meter, a snapshot and a sorted
 * label set per series) cost most of a second a scrape; this costs a few string appends per series.
 * Names and help texts are the ones the registry printed, so the exposition did not change, except
 * that the condition state-set only has the current condition's series (value 1).
 */
final class ChannelExposition {
  /** A per-channel gauge: its Prometheus name, registry name (for the help text) and value. */
  record Family(String name, String meter, Value value) {}

  @FunctionalInterface
  interface Value {
    double of(ChannelStatus s, Topology topology, Instant now);
  }

  static final List<Family> GAUGES = List.of(
      new Family("drwatch_channel_last_success_timestamp_seconds", MetricNames.CHANNEL_LAST_SUCCESS,
          (s, t, now) -> s.lastSuccess().map(i -> i.toEpochMilli() / 1000.0).orElse(Double.NaN)),
      new Family("drwatch_channel_replica_age_seconds", MetricNames.CHANNEL_REPLICA_AGE,
          (s, t, now) -> seconds(s.replicaAge())),
      new Family("drwatch_channel_reported_lag_seconds", MetricNames.CHANNEL_REPORTED_LAG,
          (s, t, now) -> seconds(s.reported().map(ProviderLag::reported))),
      new Family("drwatch_channel_rpo_lower_seconds", MetricNames.CHANNEL_RPO_LOWER,
          (s, t, now) -> seconds(s.rpoLower())),
      new Family("drwatch_channel_rpo_objective_seconds", MetricNames.CHANNEL_RPO_OBJECTIVE,
          (s, t, now) -> seconds(Optional.of(s.spec().rpoObjective()))),
      new Family("drwatch_channel_rpo_resolution_seconds", MetricNames.CHANNEL_RPO_RESOLUTION,
          (s, t, now) -> seconds(Optional.of(s.resolution()))),
      new Family("drwatch_channel_rpo_seconds", MetricNames.CHANNEL_RPO, (s, t, now) -> seconds(s.rpo())),
      new Family("drwatch_channel_telemetry_contradicted", MetricNames.CHANNEL_TELEMETRY_CONTRADICTED,
          (s, t, now) -> s.telemetryContradicted() ? 1 : 0),
      new Family("drwatch_dr_exposure_seconds", MetricNames.DR_EXPOSURE,
          (s, t, now) -> seconds(Optional.of(t.exposure(s.name(), now)))));

  static final String CONDITION_HELP = "1 for the channel's current condition (other conditions have no series)";

  private ChannelExposition() {}

  /** Appends every per-channel family; {@code series[i]} belongs to {@code channels.get(i)}. */
  static void write(StringBuilder out, List<ChannelStatus> channels, ChannelSeries[] series,
      Topology topology, Instant now, long nowNanos) {
    header(out, "drwatch_channel_condition", CONDITION_HELP, "gauge");
    for (int i = 0; i < series.length; i++) {
      out.append("drwatch_channel_condition{").append(series[i].labels).append(",condition=\"")
          .append(channels.get(i).condition().name()).append("\"} 1.0\n");
    }
    for (Family f : GAUGES) {
      header(out, f.name(), Descriptions.of(f.meter()), "gauge");
      for (int i = 0; i < series.length; i++) {
        sample(out, f.name(), series[i].labels, f.value().of(channels.get(i), topology, now));
      }
    }
    probeTimer(out, series, nowNanos);
    header(out, "drwatch_probe_errors_total", Descriptions.of(MetricNames.PROBE_ERRORS), "counter");
    for (ChannelSeries s : series) {
      for (int c = 0; c < s.errorLabels.length; c++) {
        sample(out, "drwatch_probe_errors_total", s.errorLabels[c], s.errors.get(c));
      }
    }
  }

  private static void probeTimer(StringBuilder out, ChannelSeries[] series, long nowNanos) {
    String help = Descriptions.of(MetricNames.CHANNEL_PROBE);
    header(out, "drwatch_channel_probe_seconds", help, "summary");
    for (ChannelSeries s : series) {
      for (boolean ok : new boolean[] {false, true}) {
        ProbeStats p = s.stats(ok);
        long count = p.count();
        if (count > 0) { // like the registry: an outcome's series appear with its first round
          String labels = s.labels + ",outcome=\"" + (ok ? "success" : "failure") + "\"";
          out.append("drwatch_channel_probe_seconds_count{").append(labels).append("} ").append(count).append('\n');
          sample(out, "drwatch_channel_probe_seconds_sum", labels, p.sumSeconds());
        }
      }
    }
    header(out, "drwatch_channel_probe_seconds_max", help, "gauge");
    for (ChannelSeries s : series) {
      for (boolean ok : new boolean[] {false, true}) {
        ProbeStats p = s.stats(ok);
        if (p.count() > 0) {
          sample(out, "drwatch_channel_probe_seconds_max",
              s.labels + ",outcome=\"" + (ok ? "success" : "failure") + "\"", p.maxSeconds(nowNanos));
        }
      }
    }
  }

  private static void header(StringBuilder out, String name, String help, String type) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(StringBuilder out, String name, String labels, double value) {
    out.append(name).append('{').append(labels).append("} ");
    if (Double.isNaN(value)) {
      out.append("NaN");
    } else if (Double.isInfinite(value)) {
      out.append(value > 0 ? "+Inf" : "-Inf");
    } else {
      out.append(value);
    }
    out.append('\n');
  }

  private static double seconds(Optional<Duration> d) {
    return d.map(x -> x.toNanos() / 1e9).orElse(Double.NaN);
  }
}
