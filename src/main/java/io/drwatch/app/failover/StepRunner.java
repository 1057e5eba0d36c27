package io.drwatch.app.failover;

import io.drwatch.app.failover.StepObserver.Outcome;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Executes one step: RPO gate (promotions), {@code check} (skip if already done), then
 * {@code apply} and {@code await} within the step's timeout. Every outcome goes through the
 * pipeline's journaled commit.
 *
 * <p>Each step in flight carries an {@link FailoverAction.Step#abandoned} signal, completed when
 * the runner stops waiting for it: its timeout fired, {@link #abandonAll} (the run was cancelled,
 * the executor lease was lost), or it ended. Actions stop polling and retrying on it.
 */
public final class StepRunner {
  private final Vertx vertx;
  private final Map<String, FailoverAction> actions;
  private final PipelineSettings settings;
  private final ChannelView channels;
  private final PromotionGate gate;
  private final List<StepObserver> observers;
  private final Clock clock;
  // Per run, the canary RPO of each promoted channel when its promotion started: the measured loss.
  private final Map<String, Map<String, Duration>> promotedRpo = new java.util.HashMap<>();
  // The abandonment signal of each step in flight, by run id and step id. Pipeline context only.
  private final Map<String, Promise<Void>> inFlight = new java.util.LinkedHashMap<>();

  public StepRunner(Vertx vertx, Map<String, FailoverAction> actions, PipelineSettings settings,
      ChannelView channels, List<StepObserver> observers, Clock clock) {
    this.vertx = vertx;
    this.actions = Map.copyOf(actions);
    this.settings = settings;
    this.channels = channels;
    this.observers = List.copyOf(observers);
    this.clock = clock;
    this.gate = new PromotionGate(vertx, settings, channels, clock);
  }

  /** After a crash: did the in-flight step reach its target state? */
  Future<Boolean> recheck(FailoverRun run, String stepId) {
    StepSpec spec = settings.runbook(run.mode()).step(stepId);
    Promise<Void> abandoned = track(run, spec);
    return tracked(run, spec, abandoned, () -> bounded(action(spec).check(step(run, spec, 0, abandoned.future())),
        spec.timeout(), abandoned));
  }

  /**
   * Gives up every step in flight (the run was cancelled, the executor lease was lost): their
   * actions start no further provider call. Their futures still end, and their commits go to the
   * ledger as usual (which refuses them without the lease).
   */
  void abandonAll(String why) {
    if (!inFlight.isEmpty()) {
      FailoverPipeline.LOG.log(System.Logger.Level.WARNING, "abandoning steps in flight " + inFlight.keySet() + ": " + why);
    }
    List<Promise<Void>> signals = List.copyOf(inFlight.values());
    inFlight.clear();
    signals.forEach(Promise::tryComplete);
  }

  /** Step ids in flight with their signal not yet completed (for tests). */
  java.util.Set<String> inFlight() {
    return java.util.Set.copyOf(inFlight.keySet());
  }

  private Promise<Void> track(FailoverRun run, StepSpec spec) {
    Promise<Void> abandoned = Promise.promise();
    Promise<Void> before = inFlight.put(key(run, spec), abandoned);
    if (before != null) {
      before.tryComplete();
    }
    return abandoned;
  }

  /** Runs {@code body}; once it ends, however, the step's signal completes and is forgotten. */
  private <T> Future<T> tracked(FailoverRun run, StepSpec spec, Promise<Void> abandoned, Supplier<Future<T>> body) {
    Future<T> f;
    try {
      f = body.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    return f.onComplete(ar -> {
      inFlight.remove(key(run, spec), abandoned);
      abandoned.tryComplete();
    });
  }

  private static String key(FailoverRun run, StepSpec spec) {
    return run.runId() + "/" + spec.id();
  }

  /** Runs one step of {@code run}, driven under the lease's fencing {@code epoch} (0: unfenced). */
  Future<Void> run(FailoverRun run, StepSpec spec, long epoch,
      Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit) {
    if (run.mode() == RunMode.DRILL && settings.drillParams(spec.id()).isEmpty()) {
      // Never production's params: a step without its own drill block is not drilled at all.
      return commit.apply(r -> r.skipStep(spec.id(), "not drilled: no drill params (drill: skip, or no drill: block)", now()))
          .onSuccess(r -> notifyEnded(r.runId(), spec.id(), Outcome.SKIPPED, null, now(), "not drilled")).mapEmpty();
    }
    FailoverAction.Step step;
    FailoverAction action;
    Promise<Void> abandoned = track(run, spec);
    try {
      action = action(spec);
      step = step(run, spec, epoch, abandoned.future());
    } catch (RuntimeException e) {
      return tracked(run, spec, abandoned, () -> failAttempt(spec, CodedFailure.codeOf(e), e.getMessage(), commit));
    }
    Instant began = now();
    return tracked(run, spec, abandoned, () -> gate.pass(run, spec, Duration.ZERO, commit,
        (id, stepId, reason) -> notifyEnded(id, stepId, Outcome.BLOCKED, null, now(), reason)).compose(proceed -> !proceed
        ? Future.succeededFuture()
        : bounded(action.check(step), spec.timeout(), abandoned).transform(ar -> ar.failed()
            ? failAttempt(spec, CodedFailure.codeOf(ar.cause()), "check failed: " + why(ar.cause(), spec), commit)
            : ar.result() ? skip(run, spec, commit, began) : execute(spec, action, step, abandoned, commit))));
  }

  /**
   * A step that failed before its apply (bad params, a check that errs) uses up an attempt like
   * any failure: journaled as started then failed, so the run's retry limit ends it instead of
   * the pipeline asking again at once, forever.
   */
  private Future<Void> failAttempt(StepSpec spec, FailureCode code, String message,
      Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit) {
    Instant began = now();
    return commit.apply(r -> r.startStep(spec.id(), began))
        .compose(r -> commit.apply(x -> x.failStep(spec.id(), code, message, now())))
        .onSuccess(x -> notifyEnded(x.runId(), spec.id(), Outcome.FAILED, code, began, message))
        .mapEmpty();
  }

  private static String why(Throwable err, StepSpec spec) {
    return Failures.isTimeout(err) ? "timed out after " + Texts.duration(spec.timeout()) : Failures.line(err);
  }

  private Future<Void> skip(FailoverRun run, StepSpec spec,
      Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit, Instant began) {
    String why = "already in target state";
    return commit.apply(r -> r.skipStep(spec.id(), why, now()))
        .onSuccess(r -> notifyEnded(r.runId(), spec.id(), Outcome.SKIPPED, null, began, why)).mapEmpty();
  }

  private Future<Void> execute(StepSpec spec, FailoverAction action, FailoverAction.Step step,
      Promise<Void> abandoned, Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit) {
    Instant began = now();
    return commit.apply(r -> r.startStep(spec.id(), began))
        .onSuccess(r -> notePromotion(r, spec))
        .onSuccess(r -> observers.forEach(o -> o.started(r.runId(), spec.id(), spec.action())))
        .compose(r -> bounded(action.apply(step).compose(v -> action.await(step)), spec.timeout(), abandoned)
            .transform(ar -> {
              Duration took = Duration.between(began, now());
              String msg = ar.succeeded() ? "verified in " + Texts.duration(took) : why(ar.cause(), spec);
              FailureCode code = ar.succeeded() ? null : CodedFailure.codeOf(ar.cause());
              return commit.apply(x -> ar.succeeded() ? x.finishStep(spec.id(), msg, now())
                      : x.failStep(spec.id(), code, msg, now()))
                  .onSuccess(x -> notifyEnded(x.runId(), spec.id(),
                      ar.succeeded() ? Outcome.FINISHED : Outcome.FAILED, code, began, msg));
            }))
        .mapEmpty();
  }

  // A switchover channel whose canary proved RPO 0 lost nothing, whatever the last lag figure says.
  private void notePromotion(FailoverRun run, StepSpec spec) {
    String channel = settings.channels(run.mode()).get(spec.id());
    if (spec.promote() && channel != null) {
      Optional<Duration> rpo = gate.proven(run.runId(), channel) ? Optional.of(Duration.ZERO)
          : channels.status(channel).flatMap(ChannelStatus::rpo);
      rpo.ifPresent(d -> promotedRpo.computeIfAbsent(run.runId(), id -> new java.util.LinkedHashMap<>()).put(channel, d));
    }
  }

  /** Whether the zero-loss gate proved RPO 0 for {@code channel} in switchover {@code runId}. */
  boolean proven(String runId, String channel) {
    return gate.proven(runId, channel);
  }

  /** The RPO of each channel promoted in {@code runId} as its promotion started; forgets the run. */
  Map<String, Duration> takePromotedRpo(String runId) {
    gate.forget(runId);
    Map<String, Duration> rpo = promotedRpo.remove(runId);
    return rpo == null ? Map.of() : rpo;
  }

  private FailoverAction action(StepSpec spec) {
    FailoverAction a = actions.get(spec.action());
    if (a == null) {
      throw new IllegalStateException("no action " + spec.action() + " (available: " + actions.keySet() + ")");
    }
    return a;
  }

  private FailoverAction.Step step(FailoverRun run, StepSpec spec, long epoch, Future<Void> abandoned) {
    boolean drill = run.mode() == RunMode.DRILL;
    Map<String, String> params = drill ? settings.drillParams(spec.id()).orElse(Map.of())
        : settings.params(run.mode(), spec.id());
    return new FailoverAction.Step(spec.id(), params, drill, run.runId(), epoch, abandoned);
  }

  /** {@code f} within {@code timeout}; when it fails (the timeout fired, or it did), the step is abandoned. */
  private <T> Future<T> bounded(Future<T> f, Duration timeout, Promise<Void> abandoned) {
    return f.timeout(timeout.toMillis(), TimeUnit.MILLISECONDS).onFailure(err -> abandoned.tryComplete());
  }

  /** {@code code} is null unless the step failed. */
  private void notifyEnded(String runId, String step, Outcome outcome, FailureCode code, Instant began, String msg) {
    Duration took = Duration.between(began, now());
    observers.forEach(o -> o.ended(runId, step, outcome, Optional.ofNullable(code), took, msg));
  }

  private Instant now() {
    return clock.instant();
  }
}
