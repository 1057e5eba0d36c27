package io.drwatch.app.failover;

import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.Journal;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs failovers: one at a time, each transition journaled (and fsynced) before it is acted on,
 * resumable after a crash. Single owner: every method runs on the daemon's context; HTTP
 * handlers and the decision loop call in with intents, the pipeline acts.
 */
public final class FailoverPipeline {
  static final System.Logger LOG = System.getLogger("io.drwatch.failover");

  private final Vertx vertx;
  private final PipelineSettings settings;
  private final Journal journal;
  private final RunsBoard board;
  private final StepRunner steps;
  private final Clock clock;
  private final Set<String> running = new HashSet<>();
  private FailoverRun run;
  private Future<FailoverRun> commits = Future.succeededFuture();
  private Instant lastEnded = Instant.EPOCH;
  private Context context;

  public FailoverPipeline(Vertx vertx, PipelineSettings settings, Journal journal, RunsBoard board,
      StepRunner steps, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.journal = journal;
    this.board = board;
    this.steps = steps;
    this.clock = clock;
  }

  public PipelineSettings settings() {
    return settings;
  }

  /**
   * Rebuilds the run history from the journal and resumes an unfinished run. Call it on the
   * context that owns the pipeline: every later intent is moved onto that context.
   */
  public Future<Void> recover() {
    context = vertx.getOrCreateContext();
    return journal.readAll().map(FailoverRun::replayAll).map(replayed -> {
      replayed.problems().forEach(p -> LOG.log(Level.WARNING, "journal: " + p));
      replayed.runs().forEach(board::put);
      replayed.runs().stream().map(r -> r.endedAt().orElse(Instant.EPOCH))
          .max(Instant::compareTo).ifPresent(t -> lastEnded = t);
      replayed.unfinished().ifPresent(this::resume);
      return null;
    });
  }

  private void resume(FailoverRun unfinished) {
    run = unfinished;
    LOG.log(Level.WARNING, "resuming run " + run.runId() + " (" + run.state() + ") after restart; in flight: "
        + run.inFlight());
    for (String id : run.inFlight()) {
      running.add(id);
      steps.recheck(run, id).onComplete(ar -> {
        running.remove(id);
        boolean reached = ar.succeeded() && ar.result();
        commit(r -> reached
            ? r.skipStep(id, "already in target state after restart", now())
            : r.interruptStep(id, "interrupted by a restart; target state not reached", now()))
            .onComplete(x -> drive());
      });
    }
    if (run.inFlight().isEmpty()) {
      drive();
    }
  }

  /**
   * Starts a run, or returns the active one: never two at once. An automatic trigger also
   * respects the cooldown after the previous run; an operator's does not.
   */
  public Future<FailoverRun> trigger(RunMode mode, Trigger trigger, boolean automatic) {
    return owned(() -> startRun(mode, trigger, automatic));
  }

  private Future<FailoverRun> startRun(RunMode mode, Trigger trigger, boolean automatic) {
    if (run != null && run.isActive()) {
      return Future.succeededFuture(run);
    }
    Duration sinceLast = Duration.between(lastEnded, now());
    if (automatic && sinceLast.compareTo(settings.cooldown()) < 0) {
      return Future.failedFuture(new IllegalStateException("cooldown: last run ended "
          + sinceLast.toSeconds() + "s ago, cooldown is " + settings.cooldown().toSeconds() + "s"));
    }
    String id = Instant.now(clock).toString().replace(":", "").replace(".", "") + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    run = FailoverRun.plan(id, mode, trigger, settings.runbook());
    boolean awaitApproval = automatic && !settings.automatic();
    return commit(r -> r.start(awaitApproval, now())).onSuccess(r -> drive());
  }

  public Future<FailoverRun> approve(String runId, String by, boolean acceptDataLoss) {
    return owned(() -> approveRun(runId, by, acceptDataLoss));
  }

  private Future<FailoverRun> approveRun(String runId, String by, boolean acceptDataLoss) {
    return active(runId).compose(r -> {
      if (r.state() == RunState.AWAITING_APPROVAL) {
        return commit(x -> x.approve(by, now()));
      }
      if (r.state() == RunState.BLOCKED_DATA_LOSS && acceptDataLoss) {
        return commit(x -> x.acceptDataLoss(by, now()));
      }
      return Future.failedFuture(new IllegalStateException("run " + runId + " is " + r.state()
          + (r.state() == RunState.BLOCKED_DATA_LOSS ? "; approve with acceptDataLoss=true" : "")));
    }).onSuccess(r -> drive());
  }

  public Future<FailoverRun> cancel(String runId, String by) {
    return owned(() -> active(runId).compose(r -> commit(x -> x.cancel(by, "cancelled by " + by, now())))
        .onSuccess(this::ended));
  }

  // HTTP handlers run on the server's event loop; the pipeline's state belongs to one context.
  private <T> Future<T> owned(java.util.function.Supplier<Future<T>> intent) {
    if (context == null || Vertx.currentContext() == context) {
      return intent.get();
    }
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> intent.get().onComplete(done));
    return done.future();
  }

  public Optional<FailoverRun> current() {
    return Optional.ofNullable(run);
  }

  private Future<FailoverRun> active(String runId) {
    if (run == null || !run.runId().equals(runId) || !run.isActive()) {
      return Future.failedFuture(new IllegalArgumentException("no active run " + runId));
    }
    return Future.succeededFuture(run);
  }

  /** Starts whatever is ready; finishes or fails the run when nothing more can happen. */
  void drive() {
    if (run == null || run.state() != RunState.RUNNING) {
      return;
    }
    if (running.isEmpty() && run.exhausted().isPresent()) {
      String step = run.exhausted().get().step();
      commit(r -> r.fail("step " + step + " failed: " + r.step(step).message(), now())).onSuccess(this::ended);
      return;
    }
    if (running.isEmpty() && run.isDone()) {
      commit(r -> r.finish(now())).onSuccess(this::ended);
      return;
    }
    for (StepSpec spec : run.readySteps()) {
      if (running.add(spec.id())) {
        steps.run(run, spec, this::commit).onComplete(ar -> {
          running.remove(spec.id());
          drive();
        });
      }
    }
  }

  private void ended(FailoverRun r) {
    lastEnded = r.endedAt().orElse(now());
    LOG.log(Level.INFO, "run " + r.runId() + " " + r.state() + ": " + r.reason());
    Map<String, Duration> rpo = steps.takePromotedRpo(r.runId());
    if (r.state() == RunState.SUCCEEDED) {
      // Detection is not part of the run: add its projection, as the RTO projection does.
      Duration rto = settings.detection().plus(Duration.between(r.startedAt().orElseThrow(), lastEnded));
      commit(x -> x.measure(rto, rpo, now()))
          .onSuccess(m -> LOG.log(Level.INFO, "run " + r.runId() + " measured: RTO " + Texts.duration(rto)
              + ", RPO at promotion " + (rpo.isEmpty() ? "unknown" : rpo.entrySet().stream()
                  .map(e -> e.getKey() + " " + Texts.duration(e.getValue())).toList())));
    }
  }

  /**
   * Serialises transitions: each is computed from the newest run, journaled, and only then
   * becomes the pipeline's state. A journal failure fails the caller and changes nothing.
   */
  Future<FailoverRun> commit(Function<FailoverRun, Transition> change) {
    commits = commits.transform(ignored -> {
      Transition t;
      try {
        t = change.apply(run);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return journal.append(t.record()).map(v -> {
        run = t.run();
        board.put(run);
        return run;
      });
    });
    return commits;
  }

  private Instant now() {
    return clock.instant();
  }
}
