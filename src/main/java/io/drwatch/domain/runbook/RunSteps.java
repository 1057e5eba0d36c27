package io.drwatch.domain.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What may happen next in a run. A step is ready when the run is RUNNING, no step has failed for
 * good (fail fast: a broken failover should stop, not wander on), the step is planned or failed
 * with attempts left, and every prerequisite is done: its {@code after} and, for a promotion,
 * every fence (fence-first).
 */
final class RunSteps {
  private RunSteps() {}

  static List<StepSpec> ready(FailoverRun run) {
    if (run.state() != RunState.RUNNING || exhausted(run).isPresent()) {
      return List.of();
    }
    return run.plan().ready(done(run)).stream()
        .filter(s -> startable(run.step(s.id()), s))
        .toList();
  }

  static Optional<StepRecord> exhausted(FailoverRun run) {
    return run.plan().order().stream()
        .map(s -> run.step(s.id()))
        .filter(r -> r.state() == StepState.FAILED
            && r.attempt() >= run.plan().step(r.step()).attempts())
        .findFirst();
  }

  static boolean isDone(FailoverRun run) {
    if (run.state() != RunState.RUNNING || !run.inFlight().isEmpty()) {
      return false;
    }
    return exhausted(run).isPresent() || done(run).size() == run.steps().size();
  }

  /** Throws IllegalStateException saying why, unless the step is ready. */
  static void requireReady(FailoverRun run, String id) {
    StepSpec spec = run.plan().step(id);
    if (ready(run).contains(spec)) {
      return;
    }
    throw new IllegalStateException(
        "run " + run.runId() + ": step " + id + " cannot start: " + whyNot(run, spec));
  }

  /** Steps not done yet, for messages. */
  static String pending(FailoverRun run) {
    return run.steps().values().stream().filter(s -> !s.state().isDone())
        .map(s -> s.step() + " " + s.state()).collect(Collectors.joining(", "));
  }

  private static boolean startable(StepRecord record, StepSpec spec) {
    return record.state() == StepState.PLANNED
        || record.state() == StepState.FAILED && record.attempt() < spec.attempts();
  }

  private static Set<String> done(FailoverRun run) {
    return run.steps().values().stream().filter(s -> s.state().isDone())
        .map(StepRecord::step).collect(Collectors.toSet());
  }

  private static String whyNot(FailoverRun run, StepSpec spec) {
    StepRecord record = run.step(spec.id());
    if (run.state() != RunState.RUNNING) {
      return "run is " + run.state();
    }
    if (record.state() == StepState.STARTED) {
      return "it is in flight; re-check it, then skip or interrupt it";
    }
    if (record.state() != StepState.PLANNED && !startable(record, spec)) {
      return "it is " + record.state() + " after " + record.attempt() + " of "
          + spec.attempts() + " attempts";
    }
    Optional<StepRecord> failed = exhausted(run);
    if (failed.isPresent()) {
      return "step " + failed.get().step() + " failed for good; no new step starts";
    }
    Set<String> done = done(run);
    List<String> waiting = new ArrayList<>();
    for (String before : run.plan().prerequisites(spec.id())) {
      if (!done.contains(before)) {
        boolean fence = !spec.after().contains(before);
        waiting.add(before + (fence ? " (fence-first)" : ""));
      }
    }
    return "waiting for " + String.join(", ", waiting);
  }
}
