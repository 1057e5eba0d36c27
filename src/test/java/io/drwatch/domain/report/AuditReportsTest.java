package io.drwatch.domain.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.drwatch.domain.report.AuditReports.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Known samples in, every figure of the report checked by hand. */
class AuditReportsTest {
  static final long T0 = 1_800_000_000L;
  static final Duration OBJ = Duration.ofSeconds(2);
  static final Duration RTO_OBJ = Duration.ofMinutes(15);
  static final Window WINDOW = new Window(T0, T0 + 100, Tier.SECOND);

  /**
   * 0-59 HEALTHY 1 s; 60-69 LAGGING 3 s; 70-79 BROKEN 5.0..5.9 s; 80-84 STALLED 2.5 s;
   * 85-89 UNPROTECTED, RPO unknown; 90-99 nothing sampled (the daemon was down).
   */
  static List<Span> samples() {
    List<Span> out = new ArrayList<>();
    for (long i = 0; i < 90; i++) {
      String c = i < 60 ? "HEALTHY" : i < 70 ? "LAGGING" : i < 80 ? "BROKEN" : i < 85 ? "STALLED" : "UNPROTECTED";
      long ms = i < 60 ? 1000 : i < 70 ? 3000 : i < 80 ? 5000 + (i - 70) * 100 : i < 85 ? 2500 : -1;
      out.add(Span.sample("db", T0 + i, c, ms < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(ms)), OBJ));
    }
    return out;
  }

  static List<RtoSpan> rto() {
    List<RtoSpan> out = new ArrayList<>();
    for (long i = 0; i < 90; i++) {
      boolean blocked = i >= 70 && i < 80;
      out.add(RtoSpan.sample(T0 + i, blocked ? Optional.empty() : Optional.of(Duration.ofSeconds(60 + (i == 40 ? 20 : 0))), RTO_OBJ));
    }
    return out;
  }

  static Map<String, Duration> objectives() {
    Map<String, Duration> m = new LinkedHashMap<>();
    m.put("db", OBJ);
    m.put("cache", Duration.ofSeconds(1));
    return m;
  }

  static List<RunEvidence> runs() {
    return List.of(
        new RunEvidence("r-before", "execute", "succeeded", Instant.ofEpochSecond(T0 - 5),
            Optional.empty(), Optional.of(Duration.ofSeconds(30)), RTO_OBJ, Map.of(), Map.of()),
        new RunEvidence("r-switch", "switchover", "succeeded", Instant.ofEpochSecond(T0 + 50),
            Optional.of(Instant.ofEpochSecond(T0 + 58)), Optional.of(Duration.ofMinutes(20)), RTO_OBJ,
            Map.of("db", Duration.ZERO), Map.of("db", OBJ)),
        new RunEvidence("r-drill", "drill", "succeeded", Instant.ofEpochSecond(T0 + 10),
            Optional.of(Instant.ofEpochSecond(T0 + 20)), Optional.of(Duration.ofSeconds(90)), RTO_OBJ,
            Map.of("db", Duration.ofSeconds(3)), Map.of("db", OBJ)));
  }

  /** db: timeout at 65 (cleared at 70), unreachable at 72 (standing); one before the window. */
  static List<ProbeErrorChange> probeErrors() {
    return List.of(
        new ProbeErrorChange("db", T0 - 3, Optional.of("auth"), "before the window"),
        new ProbeErrorChange("db", T0 + 65, Optional.of("timeout"), "timed out after 2s"),
        new ProbeErrorChange("db", T0 + 70, Optional.empty(), ""),
        new ProbeErrorChange("db", T0 + 72, Optional.of("unreachable"), "connection refused"));
  }

  static AuditReport report(List<Span> spans, List<RtoSpan> rto) {
    return AuditReports.compute(Instant.ofEpochSecond(T0 + 100), WINDOW, objectives(), RTO_OBJ,
        spans, rto, runs(), probeErrors());
  }

  @Test
  void shouldCountEachChannelsProbeErrorEpisodesInTheWindowByCodeWithTheLast() {
    AuditReport r = report(samples(), rto());
    ProbeErrors db = r.channels().get(0).probeErrors();
    assertThat(db.episodes()).containsExactly(Map.entry("timeout", 1L), Map.entry("unreachable", 1L));
    assertThat(db.last()).contains(new ProbeErrors.Episode("unreachable", Instant.ofEpochSecond(T0 + 72),
        "connection refused", Optional.empty()));
    assertThat(r.channels().get(1).probeErrors().total()).isZero();
  }

  @Test
  void shouldComputeEveryChannelFigureFromRawSamplesExactly() {
    AuditReport r = report(samples(), rto());
    assertThat(r.channels()).extracting(ChannelFigures::channel).containsExactly("db", "cache");
    ChannelFigures db = r.channels().get(0);
    assertThat(db.windowSeconds()).isEqualTo(100);
    assertThat(db.observedSeconds()).isEqualTo(90);
    assertThat(db.unobservedSeconds()).isEqualTo(10);
    assertThat(db.withinSeconds()).isEqualTo(60);
    assertThat(db.percentWithin()).isCloseTo(66.666, org.assertj.core.data.Offset.offset(0.01));
    assertThat(db.worst()).contains(new ChannelFigures.Worst(Duration.ofMillis(5900), Instant.ofEpochSecond(T0 + 79)));
    assertThat(db.conditionSeconds()).containsExactly(Map.entry("UNPROTECTED", 5L), Map.entry("BROKEN", 10L),
        Map.entry("STALLED", 5L), Map.entry("LAGGING", 10L), Map.entry("HEALTHY", 60L));
    assertThat(db.exposedSeconds()).isEqualTo(20); // BROKEN 10 + STALLED 5 + UNPROTECTED 5
    // 85 known values: 60 x 1000, 5 x 2500, 10 x 3000, 5000..5900. Ranks 43, 81, 85.
    assertThat(db.p50()).contains(Duration.ofMillis(1000));
    assertThat(db.p95()).contains(Duration.ofMillis(5500));
    assertThat(db.p99()).contains(Duration.ofMillis(5900));
    assertThat(db.exact()).isTrue();
    assertThat(db.objective()).isEqualTo(OBJ);

    ChannelFigures cache = r.channels().get(1);
    assertThat(cache.observedSeconds()).isZero();
    assertThat(cache.percentWithin()).isNaN();
    assertThat(cache.worst()).isEmpty();
    assertThat(cache.p95()).isEmpty();
  }

  @Test
  void shouldReportTheProjectedRtoAndTheRunsInTheWindowOldestFirst() {
    AuditReport r = report(samples(), rto());
    assertThat(r.rto().observedSeconds()).isEqualTo(90);
    assertThat(r.rto().infiniteSeconds()).isEqualTo(10);
    assertThat(r.rto().worst()).contains(new ChannelFigures.Worst(Duration.ofSeconds(80), Instant.ofEpochSecond(T0 + 40)));
    assertThat(r.rto().latest()).contains(Duration.ofSeconds(60));
    assertThat(r.runs()).extracting(RunEvidence::runId, RunEvidence::mode)
        .containsExactly(tuple("r-drill", "drill"), tuple("r-switch", "switchover"));
    RunEvidence drill = r.runs().get(0);
    assertThat(drill.rtoMet()).contains(true);
    assertThat(drill.rpoMet("db")).contains(false); // 3 s against 2 s
    assertThat(r.runs().get(1).rtoMet()).contains(false); // 20 min against 15
    assertThat(r.runs().get(1).rpoMet()).contains(true);
  }

  @Test
  void shouldDrawOneSegmentPerConditionRunAndOnePointPerSampledSecond() {
    Charts c = report(samples(), rto()).charts();
    assertThat(c.step()).isEqualTo(1);
    assertThat(c.channels().get("db").conditions()).extracting(Charts.Segment::start, Charts.Segment::end,
        Charts.Segment::condition).containsExactly(tuple(T0, T0 + 60, "HEALTHY"), tuple(T0 + 60, T0 + 70, "LAGGING"),
        tuple(T0 + 70, T0 + 80, "BROKEN"), tuple(T0 + 80, T0 + 85, "STALLED"), tuple(T0 + 85, T0 + 90, "UNPROTECTED"));
    assertThat(c.channels().get("db").rpo()).hasSize(90);
    assertThat(c.channels().get("cache").rpo()).isEmpty();
    assertThat(c.rto()).hasSize(90).filteredOn(Charts.RtoPoint::infinite).hasSize(10);
  }

  @Test
  void shouldGiveTheSameFiguresFromMinuteRollupsAndPercentilesAsUpperBoundsWithin4Point4Percent() {
    AuditReport raw = report(samples(), rto());
    AuditReport rolled = report(Rollup.spans(samples(), Tier.MINUTE), Rollup.rto(rto(), Tier.MINUTE));
    ChannelFigures a = raw.channels().get(0);
    ChannelFigures b = rolled.channels().get(0);
    assertThat(b.observedSeconds()).isEqualTo(a.observedSeconds());
    assertThat(b.withinSeconds()).isEqualTo(a.withinSeconds());
    assertThat(b.worst()).isEqualTo(a.worst());
    assertThat(b.conditionSeconds()).isEqualTo(a.conditionSeconds());
    assertThat(b.exposedSeconds()).isEqualTo(a.exposedSeconds());
    assertThat(b.exact()).isFalse();
    for (var q : List.of(List.of(a.p50(), b.p50()), List.of(a.p95(), b.p95()), List.of(a.p99(), b.p99()))) {
      long truth = q.get(0).orElseThrow().toMillis();
      assertThat(q.get(1).orElseThrow().toMillis()).isBetween(truth, (long) Math.ceil(truth * 1.0443) + 1);
    }
    assertThat(rolled.rto().infiniteSeconds()).isEqualTo(10);
    assertThat(rolled.rto().worst().orElseThrow().rpo()).isEqualTo(Duration.ofSeconds(80));
  }

  @Test
  void shouldPickTheFinestTierThatHoldsTheWindow() {
    Instant now = Instant.ofEpochSecond(T0 + 59);
    assertThat(Window.last(Duration.ofHours(24), now)).isEqualTo(new Window(T0 + 60 - 86_400, T0 + 60, Tier.SECOND));
    assertThat(Window.last(Duration.ofDays(30), now).tier()).isEqualTo(Tier.MINUTE);
    assertThat(Window.last(Duration.ofDays(30), now).from() % 60).isZero();
    assertThat(Window.last(Duration.ofDays(365), now).tier()).isEqualTo(Tier.HOUR);
  }
}
