package io.drwatch.adapter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-channel families as text: the names, labels and values the registry used to print. */
class ChannelExpositionTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private final AtomicLong nanos = new AtomicLong(1);

  private static ChannelStatus channel(String name, ChannelKind kind) {
    return ChannelStatus.initial(new ChannelSpec(name, kind, Duration.ofSeconds(1), Duration.ofSeconds(5), 3), T0);
  }

  private String scrape(ChannelMetrics metrics) {
    StringBuilder out = new StringBuilder();
    metrics.appendTo(out);
    return out.toString();
  }

  @Test
  void shouldExportOnlyTheCurrentConditionWithValueOne() {
    StatusBoard board = new StatusBoard(List.of(channel("orders-db", ChannelKind.POSTGRES)));
    String text = scrape(new ChannelMetrics(board, "obs-a", Clock.fixed(T0, ZoneOffset.UTC), nanos::get));

    assertThat(text.lines().filter(l -> l.startsWith("drwatch_channel_condition{")))
        .containsExactly("drwatch_channel_condition{channel=\"orders-db\",kind=\"postgres\",observer=\"obs-a\","
            + "condition=\"UNKNOWN\"} 1.0");
    assertThat(text).contains("# TYPE drwatch_channel_condition gauge\n")
        .contains("drwatch_channel_rpo_seconds{channel=\"orders-db\",kind=\"postgres\",observer=\"obs-a\"} NaN\n")
        .contains("drwatch_channel_rpo_objective_seconds{channel=\"orders-db\",kind=\"postgres\",observer=\"obs-a\"} 5.0\n")
        .contains("drwatch_dr_exposure_seconds{channel=\"orders-db\",kind=\"postgres\",observer=\"obs-a\"} 0.0\n");
  }

  @Test
  void shouldCountProbeRoundsByOutcomeAndErrorsByCodeFromZero() {
    StatusBoard board = new StatusBoard(List.of(channel("sessions", ChannelKind.REDIS)));
    ChannelMetrics metrics = new ChannelMetrics(board, "obs-a", Clock.fixed(T0, ZoneOffset.UTC), nanos::get);
    assertThat(scrape(metrics)).doesNotContain("drwatch_channel_probe_seconds_count{")
        .contains("drwatch_probe_errors_total{channel=\"sessions\",code=\"timeout\",observer=\"obs-a\"} 0.0\n");

    board.update(board.channel("sessions"));
    board.update(board.channel("sessions"));
    board.probeError("sessions", FailureCode.TIMEOUT);

    String text = scrape(metrics);
    String labels = "{channel=\"sessions\",kind=\"redis\",observer=\"obs-a\",outcome=\"failure\"}";
    assertThat(text).contains("drwatch_channel_probe_seconds_count" + labels + " 2\n")
        .contains("drwatch_channel_probe_seconds_sum" + labels + " 0.0\n")
        .contains("drwatch_channel_probe_seconds_max" + labels + " 0.0\n")
        .doesNotContain("outcome=\"success\"")
        .contains("drwatch_probe_errors_total{channel=\"sessions\",code=\"timeout\",observer=\"obs-a\"} 1.0\n")
        .contains("drwatch_probe_errors_total{channel=\"sessions\",code=\"auth\",observer=\"obs-a\"} 0.0\n");
  }

  @Test
  void shouldWriteNonAsciiChannelNamesAsUtf8() {
    StatusBoard board = new StatusBoard(List.of(channel("kanäle-ü", ChannelKind.REDIS)));
    String text = scrape(new ChannelMetrics(board, "obs-a", Clock.fixed(T0, ZoneOffset.UTC), nanos::get));

    assertThat(text).contains("drwatch_channel_rpo_objective_seconds{channel=\"kanäle-ü\",kind=\"redis\","
        + "observer=\"obs-a\"} 5.0\n");
  }

  @Test
  void shouldEscapeLabelValues() {
    assertThat(ChannelSeries.escape("a\"b\\c\nd")).isEqualTo("a\\\"b\\\\c\\nd");
    assertThat(new ChannelSeries("x", "redis", "o\"bs").labels)
        .isEqualTo("channel=\"x\",kind=\"redis\",observer=\"o\\\"bs\"");
  }

  @Test
  void shouldKeepTheProbeMaxForTheCurrentAndThePreviousMinuteOnly() {
    ProbeStats stats = new ProbeStats();
    stats.record(3_000_000L, 1);
    assertThat(stats.maxSeconds(30_000_000_000L)).isEqualTo(0.003);
    assertThat(stats.maxSeconds(90_000_000_000L)).isEqualTo(0.003);
    assertThat(stats.maxSeconds(130_000_000_000L)).isZero();
    assertThat(stats.count()).isEqualTo(1);
  }

  @Test
  void shouldReportTickJitterQuantilesOverTheLastTwoMinutesAtMost() {
    TickJitter jitter = new TickJitter(nanos::get);
    assertThat(jitter.quantile(0.99)).isNaN();
    for (int i = 0; i < 98; i++) {
      jitter.record(2_500_000L);
    }
    jitter.record(40_000_000L);
    jitter.record(900_000_000_000L);
    assertThat(jitter.quantile(0.5)).isEqualTo(0.003);
    assertThat(jitter.quantile(0.99)).isEqualTo(0.041);
    assertThat(jitter.quantile(1.0)).isInfinite();
    nanos.addAndGet(61_000_000_000L);
    assertThat(jitter.quantile(0.5)).isEqualTo(0.003);
    nanos.addAndGet(60_000_000_000L);
    assertThat(jitter.quantile(0.5)).isNaN();
  }
}
