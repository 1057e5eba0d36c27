package io.drwatch.adapter.metrics;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The per-channel families in Prometheus text format 0.0.4, written straight from one snapshot of
 * the board: at 10,000 channels the registry's generic path (a meter, a snapshot and a sorted
 * label set per series) cost most of a second a scrape; this costs a few byte copies per series,
 * with every name and label set encoded once (see {@link TextBytes}). Names and help texts are
 * the ones the registry printed, so the exposition did not change, except that the condition
 * state-set only has the current condition's series (value 1).
 */
final class ChannelExposition {
  /** A per-channel gauge: its Prometheus name, registry name (for the help text) and value. */
  record Family(String name, String meter, Value value) {
    byte[] prefix() {
      return TextBytes.ascii(name);
    }
  }

  /** Writes one channel's value of a family. */
  @FunctionalInterface
  interface Value {
    void write(TextBytes out, ChannelStatus s, Topology topology, Instant now);
  }

  static final List<Family> GAUGES = List.of(
      new Family("drwatch_channel_last_success_timestamp_seconds", MetricNames.CHANNEL_LAST_SUCCESS,
          (out, s, t, now) -> lastSuccess(out, s.lastSuccess())),
      new Family("drwatch_channel_replica_age_seconds", MetricNames.CHANNEL_REPLICA_AGE,
          (out, s, t, now) -> out.seconds(s.replicaAge())),
      new Family("drwatch_channel_reported_lag_seconds", MetricNames.CHANNEL_REPORTED_LAG,
          (out, s, t, now) -> out.seconds(s.reported().isPresent()
              ? Optional.of(s.reported().get().reported()) : Optional.empty())),
      new Family("drwatch_channel_rpo_lower_seconds", MetricNames.CHANNEL_RPO_LOWER,
          (out, s, t, now) -> out.seconds(s.rpoLower())),
      new Family("drwatch_channel_rpo_objective_seconds", MetricNames.CHANNEL_RPO_OBJECTIVE,
          (out, s, t, now) -> out.seconds(s.spec().rpoObjective())),
      new Family("drwatch_channel_rpo_resolution_seconds", MetricNames.CHANNEL_RPO_RESOLUTION,
          (out, s, t, now) -> out.seconds(s.resolution())),
      new Family("drwatch_channel_rpo_seconds", MetricNames.CHANNEL_RPO, (out, s, t, now) -> out.seconds(s.rpo())),
      new Family("drwatch_channel_telemetry_contradicted", MetricNames.CHANNEL_TELEMETRY_CONTRADICTED,
          (out, s, t, now) -> out.decimal(s.telemetryContradicted() ? 1 : 0, 0)),
      new Family("drwatch_dr_exposure_seconds", MetricNames.DR_EXPOSURE,
          (out, s, t, now) -> out.seconds(t.exposure(s.name(), now))));

  static final String CONDITION_HELP = "1 for the channel's current condition (other conditions have no series)";

  private static final byte[] CONDITION = TextBytes.ascii("drwatch_channel_condition");
  /** Per condition, what follows the channel's labels: {@code ,condition="X"} 1.0}. */
  private static final byte[][] CONDITION_TAIL = conditionTails();
  private static final byte[] ERRORS = TextBytes.ascii("drwatch_probe_errors_total");
  private static final byte[] PROBE_COUNT = TextBytes.ascii("drwatch_channel_probe_seconds_count");
  private static final byte[] PROBE_SUM = TextBytes.ascii("drwatch_channel_probe_seconds_sum");
  private static final byte[] PROBE_MAX = TextBytes.ascii("drwatch_channel_probe_seconds_max");
  private static final byte[][] PREFIXES = GAUGES.stream().map(Family::prefix).toArray(byte[][]::new);

  private ChannelExposition() {}

  /** Appends every per-channel family; {@code series[i]} belongs to {@code channels.get(i)}. */
  static void write(TextBytes out, List<ChannelStatus> channels, ChannelSeries[] series,
      Topology topology, Instant now, long nowNanos) {
    header(out, "drwatch_channel_condition", CONDITION_HELP, "gauge");
    for (int i = 0; i < series.length; i++) {
      byte[] labels = series[i].labelBytes;
      out.bytes(CONDITION).bytes(labels, labels.length - 1)
          .bytes(CONDITION_TAIL[channels.get(i).condition().ordinal()]);
    }
    for (int f = 0; f < GAUGES.size(); f++) {
      Family family = GAUGES.get(f);
      header(out, family.name(), Descriptions.of(family.meter()), "gauge");
      for (int i = 0; i < series.length; i++) {
        out.bytes(PREFIXES[f]).bytes(series[i].labelBytes).ch(' ');
        family.value().write(out, channels.get(i), topology, now);
        out.ch('\n');
      }
    }
    probeTimer(out, series, nowNanos);
    header(out, "drwatch_probe_errors_total", Descriptions.of(MetricNames.PROBE_ERRORS), "counter");
    for (ChannelSeries s : series) {
      for (int c = 0; c < s.errorLabelBytes.length; c++) {
        out.bytes(ERRORS).bytes(s.errorLabelBytes[c]).ch(' ').decimal(s.errors.get(c), 0).ch('\n');
      }
    }
  }

  private static void probeTimer(TextBytes out, ChannelSeries[] series, long nowNanos) {
    String help = Descriptions.of(MetricNames.CHANNEL_PROBE);
    header(out, "drwatch_channel_probe_seconds", help, "summary");
    for (ChannelSeries s : series) {
      for (boolean ok : new boolean[] {false, true}) {
        ProbeStats p = s.stats(ok);
        long count = p.count();
        if (count > 0) { // like the registry: an outcome's series appear with its first round
          byte[] labels = s.outcomeLabels(ok);
          out.bytes(PROBE_COUNT).bytes(labels).ch(' ').integer(count).ch('\n');
          out.bytes(PROBE_SUM).bytes(labels).ch(' ').nanosAsSeconds(p.sumNanos()).ch('\n');
        }
      }
    }
    header(out, "drwatch_channel_probe_seconds_max", help, "gauge");
    for (ChannelSeries s : series) {
      for (boolean ok : new boolean[] {false, true}) {
        ProbeStats p = s.stats(ok);
        if (p.count() > 0) {
          out.bytes(PROBE_MAX).bytes(s.outcomeLabels(ok)).ch(' ').nanosAsSeconds(p.maxNanos(nowNanos)).ch('\n');
        }
      }
    }
  }

  private static void header(TextBytes out, String name, String help, String type) {
    out.utf8("# HELP " + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n');
  }

  // Milliseconds, as the registry printed them (toEpochMilli() / 1000.0), as an exact decimal.
  private static void lastSuccess(TextBytes out, Optional<Instant> at) {
    out.seconds(at.isEmpty() ? Optional.empty() : Optional.of(Duration.ofMillis(at.get().toEpochMilli())));
  }

  private static byte[][] conditionTails() {
    ChannelCondition[] all = ChannelCondition.values();
    byte[][] tails = new byte[all.length][];
    for (ChannelCondition c : all) {
      tails[c.ordinal()] = TextBytes.ascii(",condition=\"" + c.name() + "\"} 1.0\n");
    }
    return tails;
  }
}
