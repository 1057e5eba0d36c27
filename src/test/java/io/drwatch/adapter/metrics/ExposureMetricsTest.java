package io.drwatch.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.topology.Topology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** drwatch_dr_exposure_seconds and drwatch_unprotected_channels read the board's topology at scrape. */
class ExposureMetricsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");

  private static ChannelStatus channel(String name) {
    return ChannelStatus.initial(new ChannelSpec(name, ChannelKind.POSTGRES, Duration.ofSeconds(1),
        Duration.ofSeconds(5), 3), T0);
  }

  private Instant now = T0;

  @Test
  void shouldExposeTheTimeWithoutAReplicaRisingFromTheFailover() {
    StatusBoard board = new StatusBoard(List.of(channel("orders-db"), channel("sessions")));
    Clock clock = new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now; }
    };
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ChannelMetrics metrics = new ChannelMetrics(board, "obs", clock, () -> 0L);
    metrics.bindTo(registry);

    assertThat(exposure(metrics, "orders-db")).isZero();
    assertThat(registry.get(MetricNames.UNPROTECTED_CHANNELS).gauge().value()).isZero();

    board.topology(Topology.AS_CONFIGURED.after(new DirectionFlipped("r1", List.of("orders-db"), T0)), T0);
    now = T0.plusSeconds(30);
    assertThat(exposure(metrics, "orders-db")).isEqualTo(30.0);
    now = T0.plusSeconds(95);
    assertThat(exposure(metrics, "orders-db")).isEqualTo(95.0);
    assertThat(exposure(metrics, "sessions")).isZero();
    assertThat(registry.get(MetricNames.UNPROTECTED_CHANNELS).gauge().value()).isEqualTo(1.0);
  }

  private static double exposure(ChannelMetrics metrics, String channel) {
    StringBuilder text = new StringBuilder();
    metrics.appendTo(text);
    String prefix = "drwatch_dr_exposure_seconds{channel=\"" + channel + "\",kind=\"postgres\",observer=\"obs\"} ";
    return text.toString().lines().filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()))).findFirst().orElseThrow();
  }
}
