package io.drwatch.adapter.metrics;

import java.util.List;

/**
 * Every metric name drwatch publishes, in one place: dashboards and alerts depend on them. Names
 * are Micrometer's dotted form; the Prometheus convention appends the base unit ({@code _seconds})
 * and {@code _total} for counters, so the exposed names are those in {@link #PROMETHEUS_NAMES}
 * (drwatch's own) and {@link #RUNTIME_NAMES} (the JVM and process binders'). Every series carries
 * {@link #TAG_OBSERVER}, the daemon's {@code observer.name}, as a common tag: unlike
 * {@code instance} it survives a pod restart.
 */
public final class MetricNames {
  private MetricNames() {}

  public static final String SECONDS = "seconds";

  public static final String CHANNEL_RPO = "drwatch.channel.rpo";
  /** The lower bound of the RPO bracket; {@link #CHANNEL_RPO} is the upper one. */
  public static final String CHANNEL_RPO_LOWER = "drwatch.channel.rpo.lower";
  public static final String CHANNEL_RPO_RESOLUTION = "drwatch.channel.rpo.resolution";
  public static final String CHANNEL_RPO_OBJECTIVE = "drwatch.channel.rpo.objective";
  public static final String CHANNEL_REPLICA_AGE = "drwatch.channel.replica.age";
  public static final String CHANNEL_CONDITION = "drwatch.channel.condition";
  public static final String CHANNEL_PROBE = "drwatch.channel.probe";
  public static final String CHANNEL_LAST_SUCCESS = "drwatch.channel.last.success.timestamp";
  public static final String CHANNEL_REPORTED_LAG = "drwatch.channel.reported.lag";
  public static final String CHANNEL_TELEMETRY_CONTRADICTED = "drwatch.channel.telemetry.contradicted";
  public static final String RPO = "drwatch.rpo";
  /** Per channel: time without a replica since its failover; 0 for a protected channel. */
  public static final String DR_EXPOSURE = "drwatch.dr.exposure";
  /** How many channels are failed over with no replica (condition UNPROTECTED). */
  public static final String UNPROTECTED_CHANNELS = "drwatch.unprotected.channels";
  public static final String RPO_SKEW = "drwatch.rpo.skew";

  public static final String TARGET_SUSPECTED = "drwatch.target.suspected";
  public static final String OUTAGE_VOTES = "drwatch.outage.votes";
  public static final String OUTAGE_DECLARED = "drwatch.outage.declared";
  public static final String TILT = "drwatch.tilt";
  public static final String OBSERVER_IN_MAJORITY = "drwatch.observer.in.majority";
  public static final String WOULD_FAILOVER = "drwatch.would.failover";
  public static final String FAILOVER_EXPECTED_LOSS = "drwatch.failover.expected.loss";

  public static final String RTO_PROJECTED = "drwatch.rto.projected";
  public static final String RTO_OBJECTIVE = "drwatch.rto.objective";
  public static final String RTO_STEP_PROJECTED = "drwatch.rto.step.projected";
  public static final String FAILOVER_RUNS = "drwatch.failover.runs";
  public static final String FAILOVER_IN_PROGRESS = "drwatch.failover.in.progress";
  public static final String FAILOVER_STEP = "drwatch.failover.step";
  public static final String FAILOVER_ARMED = "drwatch.failover.armed";
  public static final String JOURNAL_ERRORS = "drwatch.journal.errors";

  public static final String AWS_REQUESTS = "drwatch.aws.requests";
  public static final String EVENTS_RECEIVED = "drwatch.events.received";
  /** 1, with the version in a label: {@code drwatch_build_info{version}}. */
  public static final String BUILD_INFO = "drwatch.build.info";

  /** Probe calls that failed, by channel and {@link io.drwatch.domain.FailureCode} label. */
  public static final String PROBE_ERRORS = "drwatch.probe.errors";
  public static final String PROBE_TICK_JITTER = "drwatch.probe.tick.jitter";

  public static final String TAG_CHANNEL = "channel";
  /** A {@link io.drwatch.domain.FailureCode} label, or {@link #NO_CODE}: bounded by the enum. */
  public static final String TAG_CODE = "code";
  /** The {@code code} label of what did not fail. */
  public static final String NO_CODE = "none";
  public static final String TAG_KIND = "kind";
  public static final String TAG_CONDITION = "condition";
  public static final String TAG_OUTCOME = "outcome";
  public static final String TAG_TARGET = "target";
  /** The daemon that exports the series: a common tag on every series. */
  public static final String TAG_OBSERVER = "observer";
  /** On drwatch_target_suspected: the observer whose suspicion the row is (this one or a peer). */
  public static final String TAG_REPORTER = "reporter";
  public static final String TAG_VERSION = "version";
  public static final String TAG_SOURCE = "source";
  public static final String TAG_SIGNAL = "signal";
  public static final String TAG_STEP = "step";
  public static final String TAG_MODE = "mode";
  public static final String TAG_SERVICE = "service";
  public static final String TAG_OPERATION = "operation";

  /** The names as Prometheus sees them (timer series add _count, _sum and _max). */
  public static final List<String> PROMETHEUS_NAMES = List.of(
      "drwatch_channel_rpo_seconds",
      "drwatch_channel_rpo_lower_seconds",
      "drwatch_channel_rpo_resolution_seconds",
      "drwatch_channel_rpo_objective_seconds",
      "drwatch_channel_replica_age_seconds",
      "drwatch_channel_condition",
      "drwatch_channel_probe_seconds",
      "drwatch_channel_last_success_timestamp_seconds",
      "drwatch_rpo_seconds",
      "drwatch_rpo_skew_seconds",
      "drwatch_target_suspected",
      "drwatch_outage_votes",
      "drwatch_outage_declared",
      "drwatch_tilt",
      "drwatch_observer_in_majority",
      "drwatch_would_failover",
      "drwatch_failover_expected_loss_seconds",
      "drwatch_rto_projected_seconds",
      "drwatch_rto_objective_seconds",
      "drwatch_rto_step_projected_seconds",
      "drwatch_failover_runs_total",
      "drwatch_failover_in_progress",
      "drwatch_failover_armed",
      "drwatch_dr_exposure_seconds",
      "drwatch_unprotected_channels",
      "drwatch_journal_errors_total",
      "drwatch_failover_step_seconds",
      "drwatch_aws_requests_total",
      "drwatch_channel_reported_lag_seconds",
      "drwatch_channel_telemetry_contradicted",
      "drwatch_probe_errors_total",
      "drwatch_probe_tick_jitter_seconds",
      "drwatch_events_received_total",
      "drwatch_build_info");

  /**
   * What the JVM, process and uptime binders export on every JVM drwatch runs on (GC series
   * appear only after a collection, so they are not promised here).
   */
  public static final List<String> RUNTIME_NAMES = List.of(
      "jvm_memory_used_bytes",
      "jvm_memory_committed_bytes",
      "jvm_memory_max_bytes",
      "jvm_buffer_memory_used_bytes",
      "jvm_threads_live_threads",
      "jvm_threads_daemon_threads",
      "jvm_threads_peak_threads",
      "jvm_threads_states_threads",
      "jvm_classes_loaded_classes",
      "jvm_classes_unloaded_classes_total",
      "jvm_gc_memory_allocated_bytes_total",
      "jvm_gc_max_data_size_bytes",
      "jvm_gc_live_data_size_bytes",
      "process_cpu_usage",
      "process_uptime_seconds",
      "process_start_time_seconds",
      "process_files_open_files",
      "process_files_max_files",
      "system_cpu_count",
      "system_cpu_usage",
      "system_load_average_1m");
}
