package io.drwatch.adapter.metrics;

import java.util.Map;

/** HELP text per metric; promtool rejects exposition without it. */
final class Descriptions {
  private static final Map<String, String> TEXT = Map.of(
      MetricNames.CHANNEL_RPO, "Canary-measured RPO: newest heartbeat on the primary minus newest on the replica",
      MetricNames.CHANNEL_RPO_RESOLUTION, "Resolution bound of the RPO estimate (the heartbeat interval)",
      MetricNames.CHANNEL_RPO_OBJECTIVE, "The channel's RPO objective",
      MetricNames.CHANNEL_REPLICA_AGE, "Observer time minus the writer time of the newest heartbeat visible on the replica",
      MetricNames.CHANNEL_LAST_SUCCESS, "Unix time of the last probe round that reached both primary and replica",
      MetricNames.CHANNEL_PROBE, "Duration of one probe round (replica read + heartbeat write)",
      MetricNames.RPO, "Composite RPO: the maximum over channels (NaN if any is unknown)",
      MetricNames.RPO_SKEW, "Spread of RPO across channels: max minus min");

  private Descriptions() {}

  static String of(String metric) {
    return TEXT.getOrDefault(metric, metric);
  }
}
