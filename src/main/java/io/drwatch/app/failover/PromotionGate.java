package io.drwatch.app.failover;

import io.drwatch.app.failover.StepObserver.Outcome;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.RpoBound;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.SwitchoverRules;
import io.drwatch.domain.runbook.SwitchoverWindow;
import io.drwatch.domain.runbook.ZeroLossGate;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The gate before a promotion that names a channel: in an execute run the RPO gate (loss within
 * maxDataLoss), in a switchover the zero-loss gate (a canary written after the fence seen on the
 * replica). It re-asks while the verdict is WAIT and journals a BLOCK; a run whose data loss was
 * accepted, a drill and a reprotect pass. The decisions themselves are the domain's.
 */
final class PromotionGate {
  private static final Duration POLL = Duration.ofSeconds(1);

  /** The outcome of a step's gate, for the step runner's notification. */
  interface Blocked {
    void blocked(String runId, String step, String reason);
  }

  private final Vertx vertx;
  private final PipelineSettings settings;
  private final ChannelView channels;
  private final Clock clock;
  // Per switchover run, the channels whose RPO 0 the canary proved.
  private final Map<String, Set<String>> proven = new HashMap<>();

  PromotionGate(Vertx vertx, PipelineSettings settings, ChannelView channels, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.channels = channels;
    this.clock = clock;
  }

  /** True to go on; false if the run was blocked (journaled) waiting for acceptDataLoss. */
  Future<Boolean> pass(FailoverRun run, StepSpec spec, Duration waited,
      Function<Function<FailoverRun, Transition>, Future<FailoverRun>> commit, Blocked onBlock) {
    String channel = settings.channels(run.mode()).get(spec.id());
    if (!spec.promote() || channel == null || run.dataLossAcceptedBy().isPresent()
        || run.mode() == RunMode.DRILL || run.mode() == RunMode.REPROTECT) {
      return Future.succeededFuture(true);
    }
    Optional<Decided> decided = run.mode() == RunMode.SWITCHOVER
        ? zeroLoss(run, spec, channel, waited) : Optional.of(rpo(run, channel, waited));
    if (decided.isEmpty()) {
      return Future.succeededFuture(true);
    }
    RpoGate.Verdict v = decided.get().verdict();
    String bound = decided.get().bound();
    FailoverPipeline.LOG.log(System.Logger.Level.INFO, "run " + run.runId() + ": "
        + (run.mode() == RunMode.SWITCHOVER ? "zero-loss" : "RPO") + " gate for " + spec.id() + ": "
        + v.outcome() + ", " + v.reason() + (bound.isEmpty() ? "" : "; bound: " + bound));
    return switch (v.outcome()) {
      case PROCEED -> {
        if (run.mode() == RunMode.SWITCHOVER) {
          proven.computeIfAbsent(run.runId(), id -> new HashSet<>()).add(channel);
        }
        yield Future.succeededFuture(true);
      }
      case WAIT -> {
        Duration pause = v.waitAtMost().compareTo(POLL) < 0 ? v.waitAtMost() : POLL;
        Promise<Void> p = Promise.promise();
        vertx.setTimer(Math.max(1, pause.toMillis()), id -> p.complete());
        yield p.future().compose(x -> pass(run, spec, waited.plus(pause), commit, onBlock));
      }
      case BLOCK -> commit.apply(r -> r.block(spec.id(), v.reason() + (bound.isEmpty() ? "" : " (" + bound + ")"), now()))
          .onSuccess(r -> onBlock.blocked(r.runId(), spec.id(), v.reason()))
          .map(false);
    };
  }

  /** Whether the canary proved RPO 0 for {@code channel} in switchover {@code runId}. */
  boolean proven(String runId, String channel) {
    return proven.getOrDefault(runId, Set.of()).contains(channel);
  }

  void forget(String runId) {
    proven.remove(runId);
  }

  /** A verdict and, for the RPO gate, which bound it used ("" for the zero-loss gate). */
  private record Decided(RpoGate.Verdict verdict, String bound) {}

  // Empty for a promotion that fences itself: its own protocol hands over without loss.
  private Optional<Decided> zeroLoss(FailoverRun run, StepSpec spec, String channel, Duration waited) {
    ModeRunbook section = settings.operatorRunbook(RunMode.SWITCHOVER).orElseThrow();
    if (!SwitchoverRules.gated(spec, section.selfFencing())) {
      return Optional.empty();
    }
    return Optional.of(new Decided(new ZeroLossGate(section.drainWait()).decide(channel,
        ZeroLossGate.newestSeenWrite(channels.status(channel)), SwitchoverWindow.fenceVerifiedAt(run), waited), ""));
  }

  private Decided rpo(FailoverRun run, String channel, Duration waited) {
    Duration elapsed = Duration.between(run.startedAt().orElse(now()), now());
    Duration budget = settings.rtoObjective().minus(elapsed);
    RpoBound bound = bound(run, channel);
    RpoGate.Verdict v = settings.gate().decide(channel, bound.loss(), waited,
        budget.isNegative() ? Duration.ZERO : budget);
    return new Decided(v, bound.why());
  }

  // While the primary is unreachable the held RPO is only a floor, unless it cannot take writes.
  private RpoBound bound(FailoverRun run, String channel) {
    Optional<ChannelStatus> s = channels.status(channel);
    boolean unreachable = s.map(x -> x.condition() == ChannelCondition.SOURCE_UNREACHABLE).orElse(false);
    boolean fenced = run.plan().steps().stream().filter(StepSpec::fence)
        .anyMatch(f -> run.step(f.id()).state().isDone());
    return RpoBound.of(s.flatMap(ChannelStatus::rpo), s.flatMap(ChannelStatus::replicaAge),
        unreachable, fenced, channels.primaryRefused(channel));
  }

  private Instant now() {
    return clock.instant();
  }
}
