package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.http.RunsApi;
import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.adapter.journal.MirroredJournal;
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
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.Journal;
import io.drwatch.port.RunMirror;
import java.lang.System.Logger.Level;
import java.time.Instant;
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
  private static final System.Logger VERDICTS = System.getLogger("io.drwatch.verdict");
  private static final Duration RELOAD_EVERY = Duration.ofSeconds(5);

  private final FailoverPipeline pipeline;
  private final RunsBoard runs;
  private final RtoView rto;
  private final Runnable closeJournal;
  private final ExecutorLease lease;
  private final FailoverMetrics metrics;
  private final StatusBoard channels;
  private final ActionKinds actions;
  private final BoardView view;
  private Supplier<Future<List<FailoverRun>>> drillHistory = () -> Future.succeededFuture(List.of());
  private Instant lastReload = Instant.EPOCH;
  private Journal journal;
  private boolean mirrored;
  private boolean automatic;

  private FailoverWiring(FailoverPipeline pipeline, RunsBoard runs, RtoView rto, BoardView view,
      Runnable closeJournal, ExecutorLease lease, FailoverMetrics metrics, StatusBoard channels,
      ActionKinds actions) {
    this.closeJournal = closeJournal;
    this.lease = lease;
    this.actions = actions;
    this.pipeline = pipeline;
    this.runs = runs;
    this.rto = rto;
    this.view = view;
    this.metrics = metrics;
    this.channels = channels;
  }

  /**
   * @param journalFile the local journal's file name in the state dir: the production journal,
   *     or a drill's own, so a drill can never resume or block a production run
   * @param mirror the cluster's copy of the journal when observers coordinate through ZooKeeper
   */
  static FailoverWiring create(Vertx vertx, DrwatchConfig config, RunbookConfig rb,
      StatusBoard channels, List<StepObserver> extraObservers, Supplier<AwsClients> aws,
      ExecutorLease lease, String journalFile, Optional<RunMirror> mirror) {
    Clock clock = Clock.systemUTC();
    PipelineSettings settings = RunbookMapping.settings(config, rb);
    RunsBoard runs = new RunsBoard();
    RtoView rto = new RtoView(settings, runs, channels);
    FailoverMetrics metrics = new FailoverMetrics(rto, runs, config.objectives().rto(),
        settings.runbook().steps());
    List<StepObserver> observers = new ArrayList<>(extraObservers);
    observers.add(metrics);
    observers.add(new LoggingObserver());
    FileJournal file = FileJournal.create(vertx, config.state().dir(), journalFile);
    Journal journal = mirror.<Journal>map(m -> new MirroredJournal(m, file)).orElse(file);
    ActionKinds actions = ActionKinds.create(vertx, aws);
    BoardView view = new BoardView(channels, config.detection());
    StepRunner steps = new StepRunner(vertx, actions.actions(), settings, view, observers, clock);
    FailoverPipeline pipeline = new FailoverPipeline(vertx, settings, journal, runs, steps, lease, clock);
    metrics.watch(pipeline);
    // A flip (or the journal replayed at start) re-reads every channel through the new topology.
    runs.onTopology(t -> channels.topology(t, clock.instant()).forEach(c ->
        VERDICTS.log(Level.WARNING, c.verdictLine())));
    rehearse(settings, clock);
    FailoverWiring wiring = new FailoverWiring(pipeline, runs, rto, view, () -> file.close(), lease,
        metrics, channels, actions);
    wiring.mirrored = mirror.isPresent();
    wiring.journal = journal;
    wiring.automatic = settings.automatic();
    if (!journalFile.equals(DrillRig.JOURNAL)) {
      // Drills keep their own journal; the projection still learns from their step durations.
      wiring.drillHistory = () -> {
        FileJournal drills = FileJournal.create(vertx, config.state().dir(), DrillRig.JOURNAL);
        return drills.readAll().map(r -> FailoverRun.replayAll(r).runs())
            .eventually(drills::close);
      };
    }
    return wiring;
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

  /**
   * Journals a channel's re-protection through the pipeline's journal, fenced by this observer's
   * lease epoch (the cluster refuses a former holder's write), then folds it into the topology.
   */
  Future<Void> reprotected(io.drwatch.domain.runbook.JournalRecord.Reprotected record) {
    long epoch = lease.current().map(g -> g.epoch()).orElse(-1L);
    if (epoch < 0) {
      return Future.failedFuture("this observer does not hold the executor lease");
    }
    return journal.append(record, epoch).onSuccess(v -> runs.topology(runs.topology().after(record)));
  }

  boolean leaseHeld() {
    return lease.current().isPresent();
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

  /** @param operator the operator's token, {@code runbook.token} */
  void mount(Router router, io.drwatch.adapter.http.BearerToken operator) {
    RunsApi.mount(router, pipeline, runs, rto, operator);
    io.drwatch.adapter.http.OperatorRunsApi.mount(router, pipeline, operator);
    io.drwatch.adapter.http.RtoApi.mount(router, rto);
  }

  /**
   * Reasons a declared outage would not become a run right now (shadow mode reports them). The
   * minority rule is detection's, and it reports it itself.
   */
  List<String> blockers() {
    List<String> out = new ArrayList<>(pipeline.blockers());
    if (!automatic) {
      out.add("approval mode: a run waits for POST /api/v1/runs/{id}/approve");
    }
    return out;
  }

  /** The status API's {@code failover} object: the latch and who executes. */
  io.vertx.core.json.JsonObject statusJson() {
    return new io.vertx.core.json.JsonObject()
        .put("armed", pipeline.knownLatch().map(l -> l.armed()).orElse(null))
        .put("unprotected", new io.vertx.core.json.JsonArray(runs.topology().unprotected()))
        .put("latch", pipeline.knownLatch().map(l -> l.line()).orElse("unknown: the journal was not read yet"))
        .put("executor", lease.current().map(g -> "this observer, epoch " + g.epoch())
            .orElse(lease.holder().isEmpty() ? "unknown" : lease.holder()));
  }

  /**
   * Re-evaluated at every tick while the outage is declared: a trigger refused by the cooldown
   * or the lease is not lost for the rest of the outage. Approval mode starts the run waiting.
   */
  void follow(DetectionBoard detection) {
    detection.onPublish(this::onTick);
  }

  private void onTick(Detection d) {
    view.seen(d);
    boolean declared = d.trigger().start();
    pipeline.tick(declared);
    if (mirrored && !pipeline.driving()
        && Duration.between(lastReload, d.at()).compareTo(RELOAD_EVERY) >= 0) {
      // Follow the cluster's journal: other observers' runs, and a re-arm made on any of them.
      lastReload = d.at();
      pipeline.reload();
    }
    if (declared && pipeline.blockers().isEmpty()) {
      Map<String, Duration> rpo = new LinkedHashMap<>();
      channels.channels().forEach(s -> s.rpo().ifPresent(r -> rpo.put(s.name(), r)));
      pipeline.trigger(RunMode.EXECUTE, new Trigger(d.trigger().evidence(), rpo), true)
          .onSuccess(r -> LOG.log(Level.WARNING, "outage declared: run " + r.runId() + " " + r.state()))
          .onFailure(err -> LOG.log(Level.WARNING, "outage declared, no run started: " + err.getMessage()));
    }
  }

  Future<Void> start() {
    return lease.start().compose(v -> pipeline.recover()).compose(v -> drillHistory.get())
        .onSuccess(runs::drillHistory).mapEmpty();
  }

  /** Gives the lease up, closes the journal, then the actions' clients (no step runs once stopped). */
  Future<Void> stop() {
    return lease.close().eventually(() -> {
      closeJournal.run();
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
    public void ended(String runId, String step, StepObserver.Outcome outcome,
        java.util.Optional<io.drwatch.domain.FailureCode> code, Duration took, String message) {
      LOG.log(Level.INFO, "run " + runId + ": step " + step + " " + outcome.label()
          + code.map(c -> " [" + c.label() + "]").orElse("") + " after "
          + io.drwatch.domain.Texts.duration(took) + ": " + message);
    }
  }
}
