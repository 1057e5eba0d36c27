package io.drwatch.adapter.metrics;

import static io.drwatch.adapter.metrics.MetricNames.*;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.channel.CompositeRpo;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The channel metrics. The daemon-wide gauges (composite RPO, skew, unprotected channels) are
 * registry gauges; the per-channel families are written by {@link #appendTo} from one snapshot of
 * the board per scrape (see {@link ChannelExposition} for why), with the probe timer and error
 * counters kept per channel in {@link ChannelSeries}, looked up once per round.
 * Unknown values are NaN, never 0: an absent estimate must not look like a perfect one.
 */
public final class ChannelMetrics implements MeterBinder {
  private final StatusBoard board;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<String, ChannelSeries> series = new HashMap<>();
  private volatile int lastLength;

  /** @param observer {@code observer.name}, the common {@code observer} label of every series */
  public ChannelMetrics(StatusBoard board, String observer) {
    this(board, observer, Clock.systemUTC(), io.drwatch.adapter.support.Deadline.MONOTONIC::nanos);
  }

  // VisibleForTesting
  ChannelMetrics(StatusBoard board, String observer, Clock clock, LongSupplier nanoTime) {
    this.board = board;
    this.clock = clock;
    this.nanoTime = nanoTime;
    for (ChannelStatus s : board.channels()) {
      series.put(s.name(), new ChannelSeries(s.name(), s.spec().kind().configName(), observer));
    }
    // Every (channel, code) from zero, so an alert on increase sees the first error too.
    board.onUpdate(s -> {
      ChannelSeries one = series.get(s.name());
      if (one != null) {
        one.stats(s.lastProbeOk()).record(s.lastProbe().toNanos(), nanoTime.getAsLong());
      }
    });
    board.onProbeError((channel, code) -> {
      ChannelSeries one = series.get(channel);
      if (one != null) {
        one.errors.incrementAndGet(code.ordinal());
      }
    });
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, RPO, b -> seconds(CompositeRpo.of(b.channels()).max()));
    gauge(registry, RPO_SKEW, b -> seconds(CompositeRpo.of(b.channels()).skew()));
    Gauge.builder(UNPROTECTED_CHANNELS, board, b -> b.topology().unprotected().size())
        .description(Descriptions.of(UNPROTECTED_CHANNELS)).register(registry);
  }

  /**
   * The whole scrape as bytes: {@code head} (the registry's part) and then the per-channel
   * families, read from the board now. Safe on any thread. A fresh array each time, sized from the
   * last one, so it grows once and no scratch copy of the largest object in the heap stays alive.
   */
  public ByteBuffer render(String head) {
    TextBytes out = new TextBytes(lastLength + head.length() + 64 * 1024);
    out.utf8(head);
    List<ChannelStatus> channels = board.channels();
    ChannelSeries[] aligned = new ChannelSeries[channels.size()];
    for (int i = 0; i < aligned.length; i++) {
      aligned[i] = series.get(channels.get(i).name());
    }
    ChannelExposition.write(out, channels, aligned, board.topology(), clock.instant(), nanoTime.getAsLong());
    lastLength = out.length() - head.length();
    return out.asByteBuffer();
  }

  /** The per-channel families as text (tests, the micro-benchmark). */
  public void appendTo(StringBuilder out) {
    ByteBuffer bytes = render("");
    out.append(StandardCharsets.UTF_8.decode(bytes));
  }

  private void gauge(MeterRegistry registry, String metric, ToDoubleFunction<StatusBoard> f) {
    Gauge.builder(metric, board, f).tags(Tags.empty()).baseUnit(SECONDS)
        .description(Descriptions.of(metric)).register(registry);
  }

  private static double seconds(Optional<Duration> d) {
    return d.map(x -> x.toNanos() / 1e9).orElse(Double.NaN);
  }
}
