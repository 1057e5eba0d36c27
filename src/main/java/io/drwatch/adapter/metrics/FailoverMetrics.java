package io.drwatch.adapter.metrics;

import static io.drwatch.adapter.metrics.MetricNames.*;

import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.RtoView;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.app.failover.StepObserver;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.StepSpec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * RTO projection and failover run metrics. Run counters start at zero for every mode and
 * outcome, so an alert on their increase sees the first failure too.
 */
public final class FailoverMetrics implements MeterBinder, StepObserver {
  private static final List<String> OUTCOMES =
      List.of("succeeded", "failed", "cancelled", "expired", "abandoned");

  private final RtoView rto;
  private FailoverPipeline pipeline;
  private final RunsBoard runs;
  private final Duration objective;
  private final List<StepSpec> steps;
  private final Set<String> counted = new HashSet<>();
  // Runs replayed from the journal at startup ended before this process: not counted again.
  private final Instant since = Instant.now();
  private MeterRegistry registry;

  public FailoverMetrics(RtoView rto, RunsBoard runs, Duration objective, List<StepSpec> steps) {
    this.rto = rto;
    this.runs = runs;
    this.objective = objective;
    this.steps = steps;
  }

  /**
   * The pipeline whose latch and journal errors to export. Set after construction: the metrics
   * observe the pipeline's steps, so they exist before the pipeline does.
   */
  public void watch(FailoverPipeline watched) {
    this.pipeline = watched;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder(RTO_PROJECTED, rto, r -> r.project().totalSeconds()).baseUnit(SECONDS)
        .description(Descriptions.of(RTO_PROJECTED)).register(registry);
    Gauge.builder(RTO_OBJECTIVE, () -> objective.toNanos() / 1e9).baseUnit(SECONDS)
        .description(Descriptions.of(RTO_OBJECTIVE)).register(registry);
    for (StepSpec s : steps) {
      Gauge.builder(RTO_STEP_PROJECTED, rto, r -> stepSeconds(r, s.id())).tag(TAG_STEP, s.id())
          .baseUnit(SECONDS).description(Descriptions.of(RTO_STEP_PROJECTED)).register(registry);
    }
    for (RunMode mode : RunMode.values()) {
      // Per mode, so that an alert can page on a real failover and let a scheduled drill run.
      Gauge.builder(FAILOVER_IN_PROGRESS, runs, b -> b.active().filter(r -> r.mode() == mode).isPresent() ? 1 : 0)
          .tag(TAG_MODE, mode.name().toLowerCase(Locale.ROOT))
          .description(Descriptions.of(FAILOVER_IN_PROGRESS)).register(registry);
      OUTCOMES.forEach(o -> counter(mode.name().toLowerCase(Locale.ROOT), o));
    }
    runs.onChange(this::countEnded);
    Gauge.builder(FAILOVER_ARMED, pipeline, p -> p.knownLatch().map(l -> l.armed() ? 1.0 : 0.0).orElse(Double.NaN))
        .description(Descriptions.of(FAILOVER_ARMED)).register(registry);
    FunctionCounter.builder(JOURNAL_ERRORS, pipeline, FailoverPipeline::journalErrors)
        .description(Descriptions.of(JOURNAL_ERRORS)).register(registry);
  }

  private static double stepSeconds(RtoView r, String step) {
    Duration d = r.project().perStep().get(step);
    return d == null ? Double.NaN : d.toNanos() / 1e9;
  }

  private Counter counter(String mode, String outcome) {
    return Counter.builder(FAILOVER_RUNS).tag(TAG_MODE, mode).tag(TAG_OUTCOME, outcome)
        .description(Descriptions.of(FAILOVER_RUNS)).register(registry);
  }

  private synchronized void countEnded(FailoverRun run) {
    if (!run.state().isTerminal() || run.endedAt().map(t -> t.isBefore(since)).orElse(false)
        || !counted.add(run.runId())) {
      return;
    }
    String outcome = run.state().name().toLowerCase(Locale.ROOT);
    counter(run.mode().name().toLowerCase(Locale.ROOT), outcome).increment();
  }

  @Override
  public void started(String runId, String step, String action) {
    // durations are recorded when the step ends
  }

  @Override
  public void ended(String runId, String step, Outcome outcome, Optional<FailureCode> code, Duration took,
      String message) {
    if (registry != null) {
      Timer.builder(FAILOVER_STEP).tag(TAG_STEP, step).tag(TAG_OUTCOME, outcome.label())
          .tag(TAG_CODE, code.map(FailureCode::label).orElse(NO_CODE))
          .description(Descriptions.of(FAILOVER_STEP)).register(registry).record(took);
    }
  }
}
