package io.drwatch.adapter.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The daemon's registry: every series tagged with the observer, the JVM, process and uptime
 * binders, and {@code drwatch_build_info}. The feature binders ({@link ChannelMetrics} and the
 * others) bind to {@link #registry} afterwards.
 */
public final class DaemonMeters implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final TickJitter tickJitter = new TickJitter(io.drwatch.adapter.support.Deadline.MONOTONIC::nanos);

  /**
   * @param observer {@code observer.name}: a common tag, so dashboards and alerts key on the
   *     vantage point rather than on {@code instance}, which a new pod changes
   * @param version the running version ({@code dev} outside a packaged jar)
   */
  public DaemonMeters(String observer, String version) {
    // Before any meter exists: a common tag added later would miss the meters already registered.
    registry.config().commonTags(MetricNames.TAG_OBSERVER, observer);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    Gauge.builder(MetricNames.BUILD_INFO, () -> 1).tag(MetricNames.TAG_VERSION, version)
        .description(Descriptions.of(MetricNames.BUILD_INFO)).register(registry);
    // One for all channels: per-channel jitter would be 10,000 more series.
    tickJitter.bindTo(registry);
  }

  /** Records one probe tick's jitter (see {@code ProbeLoop.reportJitter}). */
  public void tickJitter(long nanos) {
    tickJitter.record(nanos);
  }

  /** The version in the jar's manifest, {@code dev} when run from classes. */
  public static String version() {
    String v = DaemonMeters.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
