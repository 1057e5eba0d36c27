package io.drwatch.app.failover;

import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.FailoverAction;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A pipeline over fake ports (journal in a list, a lease the test grants and revokes, actions
 * that count their applies) on a real Vert.x context, with a clock the test moves.
 */
final class PipelineFixture {
  static final Duration COOLDOWN = Duration.ofMinutes(5);
  static final Duration RESUME_WITHIN = Duration.ofMinutes(10);
  static final Duration APPROVAL_TIMEOUT = Duration.ofMinutes(30);
  static final Duration DETECTION = Duration.ofSeconds(6);

  final Vertx vertx;
  final MovingClock clock;
  final List<JournalRecord> journaled;
  final TestLease lease = new TestLease();
  final RunsBoard board = new RunsBoard();
  final Map<String, CountingAction> actions;
  volatile Predicate<JournalRecord> refuse = r -> false;
  /** While set, reading the journal waits for it: a cluster journal that is slow to answer. */
  volatile Promise<Void> readHeld;
  /** Once set, appends never complete: the daemon died, its writes never reach the journal. */
  volatile boolean crashed;
  final FailoverPipeline pipeline;

  /** The mode and durations of the runbook; {@link #defaults} are the constants above. */
  record Timing(boolean automatic, Duration cooldown, Duration detection, Duration resumeWithin,
      Duration approvalTimeout) {
    static Timing defaults(boolean automatic) {
      return new Timing(automatic, COOLDOWN, DETECTION, RESUME_WITHIN, APPROVAL_TIMEOUT);
    }
  }

  /** Every step drills, against a target of its own. */
  PipelineFixture(Vertx vertx, List<JournalRecord> journal, boolean automatic, StepSpec... steps) {
    this(vertx, journal, automatic, drillsOf(steps), steps);
  }

  PipelineFixture(Vertx vertx, List<JournalRecord> journal, boolean automatic,
      Map<String, Map<String, String>> drills, StepSpec... steps) {
    this(vertx, journal, Timing.defaults(automatic), newActions(), new MovingClock(), drills, steps);
  }

  /**
   * A pipeline with the given timing over {@code actions} and {@code clock}, which may outlive it:
   * a restarted daemon finds the same world (targets already switched) and the same time.
   */
  PipelineFixture(Vertx vertx, List<JournalRecord> journal, Timing timing,
      Map<String, CountingAction> actions, MovingClock clock, Map<String, Map<String, String>> drills,
      StepSpec... steps) {
    this.vertx = vertx;
    this.journaled = journal;
    this.actions = actions;
    this.clock = clock;
    Runbook runbook = Runbook.of(List.of(steps), actions.keySet());
    Map<String, Map<String, String>> production = new java.util.HashMap<>();
    runbook.steps().forEach(st -> production.put(st.id(), Map.of("target", "production-" + st.id())));
    PipelineSettings settings = new PipelineSettings(runbook, production, drills, Map.of(),
        new RpoGate(Duration.ofSeconds(5), Duration.ofSeconds(1)), timing.automatic(),
        timing.cooldown(), Duration.ofMinutes(15), timing.detection(), timing.resumeWithin(),
        timing.approvalTimeout());
    StepRunner runner = new StepRunner(vertx, Map.copyOf(actions), settings, ChannelView.none(),
        List.of(), clock);
    pipeline = new FailoverPipeline(vertx, settings, new ListJournal(), board, runner, lease, clock);
  }

  /** The fake actions, by name: "noop" and "slow". */
  static Map<String, CountingAction> newActions() {
    return Map.of("noop", new CountingAction("noop"), "slow", new CountingAction("slow"));
  }

  static Map<String, Map<String, String>> drillsOf(StepSpec... steps) {
    Map<String, Map<String, String>> drills = new java.util.HashMap<>();
    for (StepSpec st : steps) {
      drills.put(st.id(), Map.of("target", "drill-" + st.id()));
    }
    return drills;
  }

  static StepSpec step(String id, String action, String... after) {
    return StepSpec.builder(id, action).after(after).build();
  }

  /** Runs {@code call} on the Vert.x context and waits for its future. */
  <T> T on(Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> done = new CompletableFuture<>();
    vertx.runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        done.complete(ar.result());
      } else {
        done.completeExceptionally(ar.cause());
      }
    }));
    return done.get(10, TimeUnit.SECONDS);
  }

  Future<FailoverRun> auto() {
    return pipeline.trigger(RunMode.EXECUTE, Trigger.manual("outage declared"), true);
  }

  void recover() throws Exception {
    on(pipeline::recover);
  }

  /** Moves the clock, then runs one detection tick. */
  void tick(Duration later, boolean declared) throws Exception {
    clock.advance(later);
    on(() -> {
      pipeline.tick(declared);
      return Future.succeededFuture();
    });
  }

  Optional<FailoverRun> latestRun() {
    List<FailoverRun> runs = board.runs();
    return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(runs.size() - 1));
  }

  final class ListJournal implements Journal {
    @Override
    public Future<Void> append(JournalRecord record, long epoch) {
      if (crashed) {
        return Promise.<Void>promise().future();
      }
      if (refuse.test(record)) {
        return Future.failedFuture(new java.io.IOException("No space left on device"));
      }
      journaled.add(record);
      return Future.succeededFuture();
    }

    @Override
    public Future<List<JournalRecord>> readAll() {
      Promise<Void> held = readHeld;
      return held == null ? Future.succeededFuture(new ArrayList<>(journaled))
          : held.future().map(v -> new ArrayList<>(journaled));
    }
  }

  /** Applies count; check reports done once applied; "slow" waits for the test to release it. */
  static final class CountingAction implements FailoverAction {
    final String name;
    final AtomicInteger applies = new AtomicInteger();
    final List<Step> steps = new CopyOnWriteArrayList<>();
    volatile boolean done;
    volatile Promise<Void> gate;
    /** Per step id, the "slow" apply still waiting for the test. */
    final Map<String, Promise<Void>> gates = new java.util.concurrent.ConcurrentHashMap<>();
    /** Told of every check (with its answer) and apply, on the calling thread. */
    volatile Consumer<String> calls = line -> { };
    /** If set, check answers for the step's own params (drill and production targets apart). */
    volatile boolean perTarget;
    final Set<Map<String, String>> reached = java.util.concurrent.ConcurrentHashMap.newKeySet();

    CountingAction(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public Future<Boolean> check(Step step) {
      boolean reached = perTarget ? this.reached.contains(step.params()) : done;
      calls.accept("check " + step.id() + " (" + name + "): " + (reached ? "reached" : "not reached"));
      return Future.succeededFuture(reached);
    }

    @Override
    public Future<Void> apply(Step step) {
      applies.incrementAndGet();
      steps.add(step);
      calls.accept("apply " + step.id() + " (" + name + ") " + step.params() + " epoch " + step.epoch());
      if (name.equals("slow")) {
        gate = Promise.promise();
        gates.put(step.id(), gate);
        return gate.future().onSuccess(v -> {
          done = true;
          reached.add(step.params());
        });
      }
      done = true;
      reached.add(step.params());
      return Future.succeededFuture();
    }

    @Override
    public Future<Void> await(Step step) {
      return Future.succeededFuture();
    }
  }

  /** The lease port as the test decides it: granted or not, with listeners told on the context. */
  final class TestLease implements ExecutorLease {
    private final List<Consumer<Optional<Grant>>> listeners = new CopyOnWriteArrayList<>();
    volatile Optional<Grant> grant = Optional.of(new Grant("obs-a", 1));
    volatile String holder = "obs-a";

    void set(Optional<Grant> next, String holderName) throws Exception {
      grant = next;
      holder = holderName;
      on(() -> {
        listeners.forEach(l -> l.accept(next));
        return Future.succeededFuture();
      });
    }

    @Override
    public Future<Void> start() {
      return Future.succeededFuture();
    }

    @Override
    public Optional<Grant> current() {
      return grant;
    }

    @Override
    public String holder() {
      return holder;
    }

    @Override
    public void onChange(Consumer<Optional<Grant>> listener) {
      listeners.add(listener);
    }

    @Override
    public Future<Void> close() {
      return Future.succeededFuture();
    }
  }

  /** A clock the test moves forward; starts at a fixed instant. */
  static final class MovingClock extends Clock {
    private volatile Instant now = Instant.parse("2026-12-07T03:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static Set<String> states(List<FailoverRun> runs) {
    return Set.copyOf(runs.stream().map(r -> r.runId() + ":" + r.state()).toList());
  }
}
