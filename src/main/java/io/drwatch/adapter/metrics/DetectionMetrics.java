package io.drwatch.adapter.metrics;

import static io.drwatch.adapter.metrics.MetricNames.*;

import io.drwatch.app.decide.Detection;
import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.detect.ObserverReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Detection and shadow-mode gauges. Before the first tick everything reads 0 except the expected
 * loss, which is NaN: "nothing declared yet" is true, "no loss" is not known.
 */
public final class DetectionMetrics implements MeterBinder {
  private final DetectionBoard board;

  public DetectionMetrics(DetectionBoard board) {
    this.board = board;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    gauge(registry, OUTAGE_DECLARED, d -> d.declared() ? 1 : 0);
    gauge(registry, TILT, d -> d.tilt().tilted() ? 1 : 0);
    gauge(registry, OBSERVER_IN_MAJORITY, d -> d.inMajority() ? 1 : 0);
    gauge(registry, WOULD_FAILOVER, d -> d.shadow().wouldFailover() ? 1 : 0);
    Gauge.builder(FAILOVER_EXPECTED_LOSS, board, b -> b.latest()
            .flatMap(d -> d.shadow().expectedLoss()).map(x -> x.toNanos() / 1e9).orElse(Double.NaN))
        .baseUnit(SECONDS).description(Descriptions.of(FAILOVER_EXPECTED_LOSS)).register(registry);
    for (SignalFamily f : SignalFamily.values()) {
      Gauge.builder(OUTAGE_VOTES, board, b -> b.latest().map(d -> stands(d, f) ? 1 : 0).orElse(0))
          .tag(TAG_SIGNAL, f.configName()).description(Descriptions.of(OUTAGE_VOTES))
          .register(registry);
    }
    MultiGauge suspected = MultiGauge.builder(TARGET_SUSPECTED)
        .description(Descriptions.of(TARGET_SUSPECTED)).register(registry);
    // Peers appear at run time, so the rows are rebuilt each tick; overwrite drops vanished ones.
    board.onPublish(d -> suspected.register(rows(d), true));
  }

  private void gauge(MeterRegistry registry, String name, ToDoubleFunction<Detection> f) {
    Gauge.builder(name, board, b -> b.latest().map(f::applyAsDouble).orElse(0.0))
        .description(Descriptions.of(name)).register(registry);
  }

  private static boolean stands(Detection d, SignalFamily f) {
    for (Decision decision : d.decisions()) {
      List<?> votes = decision.votes().get(f);
      if (votes != null && !votes.isEmpty() && !decision.missing().contains(f)) {
        return true;
      }
    }
    return false;
  }

  private static List<MultiGauge.Row<?>> rows(Detection d) {
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    List<ObserverReport> all = new ArrayList<>(d.own());
    all.addAll(d.peers());
    for (ObserverReport r : all) {
      rows.add(MultiGauge.Row.of(Tags.of(TAG_TARGET, r.target(), TAG_REPORTER, r.observer()),
          r.suspected() ? 1 : 0));
    }
    return rows;
  }
}
