package io.drwatch.adapter.metrics;

import java.util.Map;

/** HELP text per metric; promtool rejects exposition without it. */
final class Descriptions {
  private static final Map<String, String> TEXT = Map.ofEntries(
      Map.entry(MetricNames.RTO_PROJECTED, "Projected RTO: detection time plus the runbook's critical path (+Inf if unrecoverable)"),
      Map.entry(MetricNames.RTO_OBJECTIVE, "The RTO objective"),
      Map.entry(MetricNames.RTO_STEP_PROJECTED, "Projected duration of one runbook step (p95 of measured, else expected)"),
      Map.entry(MetricNames.FAILOVER_RUNS, "Failover runs by mode (drill, execute) and outcome (succeeded, failed, cancelled)"),
      Map.entry(MetricNames.FAILOVER_IN_PROGRESS, "1 while a failover run of the mode (drill, execute) is active"),
      Map.entry(MetricNames.EVENTS_RECEIVED, "EventBridge deliveries by way in (webhook, sqs) and outcome"),
      Map.entry(MetricNames.BUILD_INFO, "1, with the running drwatch version in the version label"),
      Map.entry(MetricNames.FAILOVER_STEP, "Duration of failover steps by outcome and failure code (none if not failed)"),
      Map.entry(MetricNames.PROBE_TICK_JITTER,
          "How far the gap between two probe ticks of a channel missed its interval (all channels; p50, p99)"),
      Map.entry(MetricNames.PROBE_ERRORS, "Failed probe calls (replica read or heartbeat write) by channel and failure code"),
      Map.entry(MetricNames.DR_EXPOSURE,
          "Seconds the channel has had no replica since its failover; 0 while it has one"),
      Map.entry(MetricNames.UNPROTECTED_CHANNELS, "Channels failed over with no replica (UNPROTECTED)"),
      Map.entry(MetricNames.FAILOVER_ARMED,
          "1 while automatic failover is armed; 0 after a successful failover until an operator re-arms it"),
      Map.entry(MetricNames.JOURNAL_ERRORS, "Failover journal writes that failed (each fails its run)"),
      Map.entry(MetricNames.TARGET_SUSPECTED, "1 if the observer suspects the target is down (SDOWN)"),
      Map.entry(MetricNames.OUTAGE_VOTES, "1 if the signal family currently votes for an outage of any target"),
      Map.entry(MetricNames.OUTAGE_DECLARED, "1 if the quorum declared an outage (ODOWN) of any target"),
      Map.entry(MetricNames.TILT, "1 while the observer distrusts its own clock or loop and votes nothing"),
      Map.entry(MetricNames.OBSERVER_IN_MAJORITY,
          "1 if the observer hears a strict majority of the configured observers; 0 in the minority, where it declares nothing"),
      Map.entry(MetricNames.WOULD_FAILOVER, "Shadow mode: 1 if an outage is declared and nothing blocks action"),
      Map.entry(MetricNames.FAILOVER_EXPECTED_LOSS, "Shadow mode: the composite RPO a failover now would lose"),
      Map.entry(MetricNames.CHANNEL_RPO, "Canary-measured RPO: newest heartbeat on the primary minus newest on the replica"),
      Map.entry(MetricNames.CHANNEL_RPO_LOWER,
          "Lower bound of the RPO: age of the oldest heartbeat not yet visible on the replica"),
      Map.entry(MetricNames.CHANNEL_RPO_RESOLUTION, "Resolution bound of the RPO estimate (the heartbeat interval)"),
      Map.entry(MetricNames.CHANNEL_RPO_OBJECTIVE, "The channel's RPO objective"),
      Map.entry(MetricNames.CHANNEL_REPORTED_LAG,
          "The provider's own lag figure (CloudWatch, EFS, OpenSearch), as reported; NaN when it has none"),
      Map.entry(MetricNames.CHANNEL_TELEMETRY_CONTRADICTED,
          "1 when the channel's canary shows more loss than the provider's lag figure allows (lying telemetry)"),
      Map.entry(MetricNames.CHANNEL_REPLICA_AGE, "Observer time minus the writer time of the newest heartbeat visible on the replica"),
      Map.entry(MetricNames.CHANNEL_LAST_SUCCESS, "Unix time of the last probe round that reached both primary and replica"),
      Map.entry(MetricNames.CHANNEL_PROBE, "Duration of one probe round (replica read + heartbeat write)"),
      Map.entry(MetricNames.RPO, "Composite RPO: the maximum over channels (NaN if any is unknown)"),
      Map.entry(MetricNames.RPO_SKEW, "Spread of RPO across channels: max minus min"),
      Map.entry(MetricNames.AWS_REQUESTS,
          "AWS SDK calls by service, operation and outcome (success, throttled, server_error, client_error, io_error)"));

  private Descriptions() {}

  static String of(String metric) {
    return TEXT.getOrDefault(metric, metric);
  }
}
