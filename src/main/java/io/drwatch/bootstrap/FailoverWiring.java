package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.http.RunsApi;
import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.adapter.metrics.FailoverMetrics;
import io.drwatch.app.decide.Detection;
import io.drwatch.app.decide.DetectionBoard;
import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.app.failover.RtoView;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.app.failover.StepObserver;
import io.drwatch.app.failover.StepRunner;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.RunbookConfig;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Trigger;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.Supplier;
import java.util.Map;
import java.util.Optional;

/** Builds the failover pipeline from the runbook config and connects it to detection. */
final class FailoverWiring {
  private static final System.Logger LOG = System.getLogger("io.drwatch.failover");

  private final FailoverPipeline pipeline;
  private final RunsBoard runs;
  private final RtoView rto;
  private final FileJournal journal;
  private final FailoverMetrics metrics;
  private final StatusBoard channels;
  private final ActionKinds actions;
  private boolean wasDeclared;

  private FailoverWiring(FailoverPipeline pipeline, RunsBoard runs, RtoView rto, FileJournal journal,
      FailoverMetrics metrics, StatusBoard channels, ActionKinds actions) {
    this.actions = actions;
    this.pipeline = pipeline;
    this.runs = runs;
    this.rto = rto;
    this.journal = journal;
    this.metrics = metrics;
    this.channels = channels;
  }

  static FailoverWiring create(Vertx vertx, DrwatchConfig config, RunbookConfig rb,
      StatusBoard channels, List<StepObserver> extraObservers, Supplier<AwsClients> aws) {
    Clock clock = Clock.systemUTC();
    PipelineSettings settings = RunbookMapping.settings(config, rb);
    RunsBoard runs = new RunsBoard();
    RtoView rto = new RtoView(settings, runs, channels);
    FailoverMetrics metrics = new FailoverMetrics(rto, runs, config.objectives().rto(),
        settings.runbook().steps());
    List<StepObserver> observers = new ArrayList<>(extraObservers);
    observers.add(metrics);
    observers.add(new LoggingObserver());
    FileJournal journal = FileJournal.create(vertx, config.state().dir());
    ActionKinds actions = ActionKinds.create(vertx, aws);
    StepRunner steps = new StepRunner(vertx, actions.actions(), settings,
        ch -> Optional.ofNullable(channels.channel(ch)).flatMap(ChannelStatus::rpo), observers, clock);
    FailoverPipeline pipeline = new FailoverPipeline(vertx, settings, journal, runs, steps, clock);
    rehearse(settings, clock);
    return new FailoverWiring(pipeline, runs, rto, journal, metrics, channels, actions);
  }

  // Walks a throwaway plan through the state machine on the starting thread: proves the runbook
  // can start, and links the code paths the first real run takes, so that run does not pay the
  // JVM's first-use costs on the event loop.
  private static void rehearse(PipelineSettings settings, Clock clock) {
    FailoverRun plan = FailoverRun.plan("startup-rehearsal", RunMode.DRILL,
        Trigger.manual("startup rehearsal"), settings.runbook());
    FailoverRun started = plan.start(false, clock.instant()).run();
    started.readySteps();
    started.exhausted();
    started.isDone();
    started.inFlight();
  }

  FailoverPipeline pipeline() {
    return pipeline;
  }

  RunsBoard runs() {
    return runs;
  }

  RtoView rto() {
    return rto;
  }

  void bind(MeterRegistry registry) {
    metrics.bindTo(registry);
  }

  void mount(Router router, Optional<String> token) {
    RunsApi.mount(router, pipeline, runs, rto, token);
    io.drwatch.adapter.http.RtoApi.mount(router, rto);
  }

  /** Reasons a declared outage would not become a run right now (shadow mode reports them). */
  List<String> blockers() {
    List<String> out = new ArrayList<>();
    runs.active().ifPresent(r -> out.add("run " + r.runId() + " active (" + r.state() + ")"));
    if (!pipeline.settings().automatic()) {
      out.add("approval mode: a run waits for POST /api/v1/runs/{id}/approve");
    }
    return out;
  }

  /** Auto trigger on the rising edge of a declared outage; approval mode starts it waiting. */
  void follow(DetectionBoard detection) {
    detection.onPublish(this::onTick);
  }

  private void onTick(Detection d) {
    boolean declared = d.declared() && !d.tilt().tilted();
    if (declared && !wasDeclared) {
      Map<String, Duration> rpo = new LinkedHashMap<>();
      channels.channels().forEach(s -> s.rpo().ifPresent(r -> rpo.put(s.name(), r)));
      List<String> evidence = new ArrayList<>(List.of(d.verdict(), d.shadow().line()));
      pipeline.trigger(RunMode.EXECUTE, new Trigger(evidence, rpo), true)
          .onSuccess(r -> LOG.log(Level.WARNING, "outage declared: run " + r.runId() + " " + r.state()))
          .onFailure(err -> LOG.log(Level.WARNING, "outage declared, no run started: " + err.getMessage()));
    }
    wasDeclared = declared;
  }

  Future<Void> start() {
    return pipeline.recover();
  }

  /** Closes the journal, then the actions' clients (no step runs once the daemon stops). */
  Future<Void> stop() {
    return journal.close().eventually(() -> {
      actions.close();
      return Future.succeededFuture();
    });
  }

  /** One line per step start and end in the daemon log. */
  private static final class LoggingObserver implements StepObserver {
    @Override
    public void started(String runId, String step, String action) {
      LOG.log(Level.INFO, "run " + runId + ": step " + step + " (" + action + ") started");
    }

    @Override
    public void ended(String runId, String step, String outcome, Duration took, String message) {
      LOG.log(Level.INFO, "run " + runId + ": step " + step + " " + outcome + " after "
          + io.drwatch.domain.Texts.duration(took) + ": " + message);
    }
  }
}
