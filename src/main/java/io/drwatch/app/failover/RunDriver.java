package io.drwatch.app.failover;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.StepSpec;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Moves the driven run on: starts every ready step, re-checks the steps a restart cut short, ends
 * the run when nothing more can happen and journals what follows its end. The pipeline's context
 * only, like the pipeline.
 */
final class RunDriver {
  private final PipelineSettings settings;
  private final RunLedger ledger;
  private final StepRunner steps;
  private final Resumption resumption;
  private final Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit;
  private final Clock clock;
  private final Set<String> running = new HashSet<>();

  RunDriver(PipelineSettings settings, RunLedger ledger, StepRunner steps, Resumption resumption,
      Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit, Clock clock) {
    this.settings = settings;
    this.ledger = ledger;
    this.steps = steps;
    this.resumption = resumption;
    this.commit = commit;
    this.clock = clock;
  }

  /** Re-checks the steps a restart left in flight, then drives the run on. */
  void resume(FailoverRun unfinished) {
    FailoverPipeline.LOG.log(Level.WARNING, "resuming run " + unfinished.runId() + " (" + unfinished.state()
        + "); in flight: " + unfinished.inFlight());
    for (String id : unfinished.inFlight()) {
      running.add(id);
      steps.recheck(unfinished, id).onComplete(ar -> {
        running.remove(id);
        boolean reached = ar.succeeded() && ar.result();
        commit.apply(r -> reached
            ? r.skipStep(id, "already in target state after restart", now())
            : r.interruptStep(id, "interrupted by a restart; target state not reached", now()))
            .onComplete(x -> drive());
      });
    }
    if (unfinished.inFlight().isEmpty()) {
      drive();
    }
  }

  /** Starts whatever is ready; finishes or fails the run when nothing more can happen. */
  void drive() {
    FailoverRun run = ledger.run();
    if (run == null || run.state() != RunState.RUNNING || resumption.heldBack(run)) {
      return;
    }
    if (running.isEmpty() && run.exhausted().isPresent()) {
      String step = run.exhausted().get().step();
      commit.apply(r -> r.fail("step " + step + " failed: " + r.step(step).message(), now())).onSuccess(this::ended);
      return;
    }
    if (running.isEmpty() && run.isDone()) {
      commit.apply(r -> r.finish(now())).onSuccess(this::ended);
      return;
    }
    for (StepSpec spec : run.readySteps()) {
      if (running.add(spec.id())) {
        steps.run(run, spec, ledger.epoch(), commit).onComplete(ar -> {
          running.remove(spec.id());
          drive();
        });
      }
    }
  }

  /** Logs the end and journals what follows it (measurement, flip, re-protection), in order. */
  void ended(FailoverRun r) {
    if (r.mode() == RunMode.EXECUTE && r.state() == RunState.SUCCEEDED) {
      FailoverPipeline.LOG.log(Level.WARNING, "automatic failover latched off: " + ledger.latch().line());
    }
    Future<FailoverRun> done = Future.succeededFuture(r);
    for (Function<FailoverRun, Transition> next
        : RunEnd.followUps(r, settings, steps.takePromotedRpo(r.runId()), now())) {
      done = done.compose(x -> commit.apply(next));
    }
    done.onSuccess(RunEnd::logMeasured);
  }

  private Instant now() {
    return clock.instant();
  }
}
