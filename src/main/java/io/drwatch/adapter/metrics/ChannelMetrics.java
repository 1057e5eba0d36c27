package io.drwatch.adapter.metrics;

import static io.drwatch.adapter.metrics.MetricNames.*;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.channel.CompositeRpo;
import io.drwatch.domain.lag.ProviderLag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;

/**
 * Gauges that read the status board at scrape time, plus a probe timer fed by every round.
 * Unknown values are NaN, never 0: an absent estimate must not look like a perfect one.
 */
public final class ChannelMetrics implements MeterBinder {
  private final StatusBoard board;

  private final Clock clock;

  public ChannelMetrics(StatusBoard board) {
    this(board, Clock.systemUTC());
  }

  // VisibleForTesting
  ChannelMetrics(StatusBoard board, Clock clock) {
    this.board = board;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (ChannelStatus initial : board.channels()) {
      bindChannel(registry, initial.name(), Tags.of(
          TAG_CHANNEL, initial.name(), TAG_KIND, initial.spec().kind().configName()));
    }
    gauge(registry, RPO, Tags.empty(), b -> seconds(CompositeRpo.of(b.channels()).max()));
    gauge(registry, RPO_SKEW, Tags.empty(), b -> seconds(CompositeRpo.of(b.channels()).skew()));
    Gauge.builder(UNPROTECTED_CHANNELS, board, b -> b.topology().unprotected().size())
        .description(Descriptions.of(UNPROTECTED_CHANNELS)).register(registry);
    board.onUpdate(status -> probeTimer(registry, status).record(status.lastProbe()));
    // Every (channel, code) from zero, so an alert on increase sees the first error too.
    Map<String, Map<FailureCode, Counter>> errors = new ConcurrentHashMap<>();
    for (ChannelStatus s : board.channels()) {
      Map<FailureCode, Counter> byCode = new EnumMap<>(FailureCode.class);
      for (FailureCode code : FailureCode.values()) {
        byCode.put(code, Counter.builder(PROBE_ERRORS).tags(TAG_CHANNEL, s.name(), TAG_CODE, code.label())
            .description(Descriptions.of(PROBE_ERRORS)).register(registry));
      }
      errors.put(s.name(), byCode);
    }
    board.onProbeError((channel, code) -> {
      Map<FailureCode, Counter> byCode = errors.get(channel);
      if (byCode != null) {
        byCode.get(code).increment();
      }
    });
  }

  private void bindChannel(MeterRegistry registry, String name, Tags tags) {
    gauge(registry, CHANNEL_RPO, tags, b -> seconds(b.channel(name).rpo()));
    gauge(registry, CHANNEL_RPO_LOWER, tags, b -> seconds(b.channel(name).rpoLower()));
    gauge(registry, CHANNEL_RPO_RESOLUTION, tags, b -> seconds(Optional.of(b.channel(name).resolution())));
    gauge(registry, CHANNEL_RPO_OBJECTIVE, tags,
        b -> seconds(Optional.of(b.channel(name).spec().rpoObjective())));
    gauge(registry, CHANNEL_REPLICA_AGE, tags, b -> seconds(b.channel(name).replicaAge()));
    gauge(registry, DR_EXPOSURE, tags,
        b -> seconds(Optional.of(b.topology().exposure(name, clock.instant()))));
    gauge(registry, CHANNEL_LAST_SUCCESS, tags,
        b -> b.channel(name).lastSuccess().map(t -> t.toEpochMilli() / 1000.0).orElse(Double.NaN));
    gauge(registry, CHANNEL_REPORTED_LAG, tags,
        b -> seconds(b.channel(name).reported().map(ProviderLag::reported)));
    Gauge.builder(CHANNEL_TELEMETRY_CONTRADICTED, board, b -> b.channel(name).telemetryContradicted() ? 1 : 0)
        .tags(tags).description(Descriptions.of(CHANNEL_TELEMETRY_CONTRADICTED)).register(registry);
    for (ChannelCondition c : ChannelCondition.values()) {
      Gauge.builder(CHANNEL_CONDITION, board, b -> b.channel(name).condition() == c ? 1 : 0)
          .tags(tags).tag(TAG_CONDITION, c.name())
          .description("1 for the channel's current condition, 0 for the others")
          .register(registry);
    }
  }

  private void gauge(MeterRegistry registry, String metric, Tags tags, ToDoubleFunction<StatusBoard> f) {
    Gauge.builder(metric, board, f).tags(tags).baseUnit(SECONDS)
        .description(Descriptions.of(metric)).register(registry);
  }

  private static Timer probeTimer(MeterRegistry registry, ChannelStatus s) {
    return Timer.builder(CHANNEL_PROBE)
        .description(Descriptions.of(CHANNEL_PROBE))
        .tags(TAG_CHANNEL, s.name(), TAG_KIND, s.spec().kind().configName(),
            TAG_OUTCOME, s.lastProbeOk() ? "success" : "failure")
        .register(registry);
  }

  private static double seconds(Optional<Duration> d) {
    return d.map(x -> x.toNanos() / 1e9).orElse(Double.NaN);
  }
}
