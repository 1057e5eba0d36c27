package io.drwatch.app.failover;

import io.drwatch.app.failover.PipelineScenario.Action;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.ExecutorLease.Grant;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Replays a {@link PipelineScenario} on virtual time against a real pipeline (fake ports, a real
 * Vert.x context, the fixture's moving clock), driving it the way bootstrap's FailoverWiring does
 * at each detection tick, and returns the lines of expected.txt. At each instant: the timeline's
 * actions in file order, then, at a tick, {@code pipeline.tick(declared)} and, while declared and
 * {@code blockers()} is empty, an automatic EXECUTE trigger; then changed blockers and latch.
 */
final class PipelineScenarioRun {
  private static final int QUIET_ROUNDS = 3;

  private final PipelineScenario s;
  private final Vertx vertx;
  private final PipelineFixture.MovingClock clock = new PipelineFixture.MovingClock();
  private final Instant t0 = clock.instant();
  private final Map<String, PipelineFixture.CountingAction> world = PipelineFixture.newActions();
  private final List<JournalRecord> journal = new CopyOnWriteArrayList<>() {
    @Override
    public boolean add(JournalRecord r) {
      boolean added = super.add(r);
      out.record(r);
      return added;
    }
  };
  private final PipelineScenarioLines out;
  private PipelineFixture daemon;
  private Duration now = Duration.ZERO;
  private boolean declared;
  private boolean down;
  private String lastBlockers;
  private String lastLatch;
  private String lastRefusal;

  PipelineScenarioRun(PipelineScenario s, Vertx vertx) {
    this.s = s;
    this.vertx = vertx;
    this.out = new PipelineScenarioLines(t0, () -> now);
    world.values().forEach(a -> {
      a.calls = out::add;
      a.perTarget = true;
    });
  }

  List<String> run() throws Exception {
    start(null);
    settle();
    Duration next = Duration.ZERO;
    while (next.compareTo(s.end()) <= 0) {
      clock.advance(next.minus(now));
      now = next;
      for (Action a : s.actions()) {
        if (a.at().equals(now)) {
          apply(a);
          settle();
        }
      }
      if (!down && now.toMillis() % s.tick().toMillis() == 0) {
        tick();
        settle();
      }
      report();
      next = nextInstant();
    }
    return out.lines();
  }

  // The next tick (none while the daemon is down) or action, whichever comes first.
  private Duration nextInstant() {
    long tick = s.tick().toMillis();
    Duration next = down ? s.end().plusMillis(1) : Duration.ofMillis((now.toMillis() / tick + 1) * tick);
    for (Action a : s.actions()) {
      if (a.at().compareTo(now) > 0 && a.at().compareTo(next) < 0) {
        next = a.at();
      }
    }
    return next;
  }

  // A daemon starting: recover() under the lease {@code before} held (the fixture's default if none).
  private void start(PipelineFixture before) throws Exception {
    StepSpec[] steps = s.steps().toArray(StepSpec[]::new);
    daemon = new PipelineFixture(vertx, journal, s.timing(), world, clock,
        PipelineFixture.drillsOf(steps), steps);
    if (before != null) {
      daemon.lease.grant = before.lease.grant;
      daemon.lease.holder = before.lease.holder;
    }
    daemon.recover();
    down = false;
    lastBlockers = null;
    lastLatch = null;
    lastRefusal = null;
  }

  // As FailoverWiring.onTick, in one task on the pipeline's context.
  private void tick() throws Exception {
    AsyncResult<FailoverRun> attempt = call(() -> {
      daemon.pipeline.tick(declared);
      if (declared && daemon.pipeline.blockers().isEmpty()) {
        return daemon.pipeline.trigger(RunMode.EXECUTE, Trigger.manual("outage declared"), true);
      }
      return null;
    });
    if (attempt == null || attempt.succeeded()) {
      lastRefusal = null;
    } else if (!outcome(attempt).equals(lastRefusal)) {
      lastRefusal = outcome(attempt);
      out.add("trigger " + lastRefusal);
    }
  }

  private void report() throws Exception {
    if (down) {
      return;
    }
    List<String> blockers = daemon.on(() -> Future.succeededFuture(daemon.pipeline.blockers()));
    String b = blockers.isEmpty() ? "none" : String.join("; ", blockers);
    if (!b.equals(lastBlockers)) {
      out.add("blockers: " + b);
      lastBlockers = b;
    }
    String latch = daemon.on(() -> Future.succeededFuture(daemon.pipeline.latch().line()));
    if (!latch.equals(lastLatch)) {
      out.add("latch: " + latch);
      lastLatch = latch;
    }
  }

  private void apply(Action a) throws Exception {
    out.add("> " + a);
    List<String> w = a.words();
    switch (a.verb()) {
      case "declare" -> declared = true;
      case "clear" -> declared = false;
      case "release" -> end(w.get(0), null);
      case "fail" -> end(w.get(0), new RuntimeException(w.size() > 1
          ? String.join(" ", w.subList(1, w.size())) : "apply failed"));
      case "approve" -> intent(() -> daemon.pipeline.approve(run(w), a.option("by", "jane"), false));
      case "cancel" -> intent(() -> daemon.pipeline.cancel(run(w), a.option("by", "jane")));
      case "rearm" -> intent(() -> daemon.pipeline.rearm(a.option("by", "jane")));
      case "trigger" -> intent(() -> switch (w.get(0)) {
        case "auto" -> daemon.pipeline.trigger(RunMode.EXECUTE, Trigger.manual("outage declared"), true);
        case "manual" -> daemon.pipeline.trigger(RunMode.EXECUTE, Trigger.manual("operator"), false);
        case "drill" -> daemon.pipeline.trigger(RunMode.DRILL, Trigger.manual("drill"), false);
        default -> throw new IllegalArgumentException("trigger auto|manual|drill, was " + w.get(0));
      });
      case "failback" -> world.values().forEach(x -> {
        x.reached.clear();
        x.done = false;
      });
      case "crash" -> crash();
      case "restart" -> restart();
      case "lease" -> lease(w.get(0));
      default -> throw new IllegalArgumentException("timeline line " + a.line() + ": unknown verb " + a.verb());
    }
  }

  private void crash() {
    daemon.crashed = true;
    down = true;
  }

  // A new daemon over the same journal, world, clock and lease.
  private void restart() throws Exception {
    PipelineFixture before = daemon;
    crash();
    start(before);
  }

  private void lease(String to) throws Exception {
    switch (to) {
      case "none" -> daemon.lease.set(Optional.empty(), "");
      case "obs-a" -> throw new IllegalArgumentException("lease EPOCH grants it to obs-a");
      default -> {
        if (to.matches("\\d+")) {
          daemon.lease.set(Optional.of(new Grant("obs-a", Long.parseLong(to))), "obs-a");
        } else {
          daemon.lease.set(Optional.empty(), to);
        }
      }
    }
  }

  // Ends a slow apply on the pipeline's context: its callbacks run where the pipeline's do.
  private void end(String step, Throwable failure) throws Exception {
    Promise<Void> gate = gate(step);
    daemon.on(() -> {
      if (failure == null) {
        gate.complete();
      } else {
        gate.fail(failure);
      }
      return Future.succeededFuture();
    });
  }

  private Promise<Void> gate(String step) {
    String action = s.steps().stream().filter(x -> x.id().equals(step)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + step)).action();
    Promise<Void> p = world.get(action).gates.remove(step);
    if (p == null) {
      throw new IllegalStateException(PipelineScenario.clock(now) + ": step " + step
          + " has no slow apply waiting");
    }
    return p;
  }

  private String run(List<String> words) {
    return words.isEmpty() ? out.latestRunId() : out.runId(words.get(0));
  }

  // An operator's intent: its outcome, refused or not, is one line.
  private void intent(Supplier<? extends Future<?>> call) throws Exception {
    requireUp();
    AsyncResult<Object> r = daemon.on(() -> call.get().<Object>map(x -> x)
        .transform(Future::succeededFuture));
    out.add(r.succeeded() ? "ok" + (r.result() instanceof FailoverRun f ? ": " + f.runId() + " "
        + f.state() : "") : outcome(r));
  }

  private static String outcome(AsyncResult<?> r) {
    return r.cause() instanceof PipelineRefusal p ? "refused " + p.code() + ": " + p.getMessage()
        : "error: " + r.cause();
  }

  // Runs on the pipeline's context; null if the call returned no future.
  private <T> AsyncResult<T> call(Supplier<Future<T>> call) throws Exception {
    return daemon.on(() -> {
      Future<T> f = call.get();
      return f == null ? Future.succeededFuture(null) : f.transform(Future::succeededFuture);
    });
  }

  private void requireUp() {
    if (down) {
      throw new IllegalStateException(PipelineScenario.clock(now)
          + ": the daemon is down (crash without restart)");
    }
  }

  // Lets the pipeline's context run what the last intent queued, until nothing more happens.
  private void settle() throws Exception {
    int quiet = 0;
    int seen = -1;
    while (quiet < QUIET_ROUNDS) {
      daemon.on(() -> Future.succeededFuture());
      int size = out.size() + journal.size();
      quiet = size == seen ? quiet + 1 : 0;
      seen = size;
    }
  }
}
