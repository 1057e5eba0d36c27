package io.drwatch.domain.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated DAG of steps: unique ids, known actions, {@code after} naming existing steps, no
 * cycle, no fence that waits for a promotion. Immutable.
 *
 * <p>A step may start once its prerequisites are done (finished, or skipped because its check
 * found the target state already reached). Prerequisites are its {@code after} ids and, for a
 * promote step, every fence step too (fence-first), whether or not it lists them.
 */
public final class Runbook {
  private final List<StepSpec> steps;
  private final Map<String, StepSpec> byId = new LinkedHashMap<>();
  private final Map<String, Set<String>> prerequisites = new LinkedHashMap<>();
  private final List<StepSpec> order;

  private Runbook(List<StepSpec> steps) {
    this.steps = List.copyOf(steps);
    steps.forEach(s -> byId.put(s.id(), s));
    List<String> fences = steps.stream().filter(StepSpec::fence).map(StepSpec::id).toList();
    for (StepSpec s : steps) {
      Set<String> before = new LinkedHashSet<>(s.after());
      if (s.promote()) {
        before.addAll(fences);
      }
      prerequisites.put(s.id(), Collections.unmodifiableSet(before));
    }
    this.order = topological();
  }

  /**
   * Validates and builds a runbook.
   *
   * @param steps in config order, which also breaks ties in {@link #order()}
   * @param knownActions the action kinds this build can run; an unknown one is listed with these
   * @throws InvalidRunbookException naming every problem
   */
  public static Runbook of(List<StepSpec> steps, Set<String> knownActions) {
    return build(steps, Optional.of(knownActions));
  }

  /** Every problem {@link #of} would report, for a config loader that collects errors. */
  public static List<String> problems(List<StepSpec> steps, Set<String> knownActions) {
    return RunbookChecks.problems(steps, Optional.of(knownActions));
  }

  /** {@link #problems} for the steps at {@code path}, e.g. {@code runbook.reprotect.steps}. */
  public static List<String> problems(String path, List<StepSpec> steps, Set<String> knownActions) {
    return RunbookChecks.problems(path, steps, Optional.of(knownActions));
  }

  /** {@link #of} for the steps at {@code path}; its errors name that path. */
  public static Runbook of(String path, List<StepSpec> steps, Set<String> knownActions) {
    List<String> errors = RunbookChecks.problems(path, steps, Optional.of(knownActions));
    if (!errors.isEmpty()) {
      throw new InvalidRunbookException(errors);
    }
    return new Runbook(steps);
  }

  /** For journal replay: the plan ran before, its actions need not exist in this build. */
  static Runbook restore(List<StepSpec> steps) {
    return build(steps, Optional.empty());
  }

  private static Runbook build(List<StepSpec> steps, Optional<Set<String>> knownActions) {
    List<String> errors = RunbookChecks.problems(steps, knownActions);
    if (!errors.isEmpty()) {
      throw new InvalidRunbookException(errors);
    }
    return new Runbook(steps);
  }

  /** The steps in config order. */
  public List<StepSpec> steps() {
    return steps;
  }

  /**
   * The steps in an order that honours every prerequisite. Stable: among steps ready at the same
   * point, config order wins, so {@code plan} output and journals read the same every time.
   */
  public List<StepSpec> order() {
    return order;
  }

  /** The step with this id; IllegalArgumentException naming the known ids if there is none. */
  public StepSpec step(String id) {
    StepSpec step = byId.get(id);
    if (step == null) {
      throw new IllegalArgumentException(
          "unknown step " + id + " (known: " + String.join(", ", byId.keySet()) + ")");
    }
    return step;
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** What must be done before this step starts: {@code after}, plus every fence for a promotion. */
  public Set<String> prerequisites(String id) {
    step(id);
    return prerequisites.get(id);
  }

  /**
   * The steps that may start now, in {@link #order()}: not done yet, every prerequisite done.
   * The caller removes those already running.
   *
   * @param done ids of finished or skipped steps
   */
  public List<StepSpec> ready(Collection<String> done) {
    return order.stream()
        .filter(s -> !done.contains(s.id()) && done.containsAll(prerequisites.get(s.id())))
        .toList();
  }

  /**
   * The longest chain of steps and its total.
   *
   * @param estimates per step id; a step without one counts with its {@code expected}
   */
  public CriticalPath criticalPath(Map<String, Duration> estimates) {
    return CriticalPath.of(this, estimates);
  }

  /** The same DAG without params, as the journal keeps it. */
  Runbook withoutParams() {
    return new Runbook(steps.stream().map(StepSpec::withoutParams).toList());
  }

  private List<StepSpec> topological() {
    List<StepSpec> sorted = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (sorted.size() < steps.size()) {
      // First ready step in config order; validation guarantees one exists (no cycle).
      StepSpec next = steps.stream()
          .filter(s -> !placed.contains(s.id()) && placed.containsAll(prerequisites.get(s.id())))
          .findFirst().orElseThrow();
      sorted.add(next);
      placed.add(next.id());
    }
    return List.copyOf(sorted);
  }

  /** Equal steps in equal config order: a replayed plan equals the one that was journaled. */
  @Override
  public boolean equals(Object other) {
    return other instanceof Runbook r && r.steps.equals(steps);
  }

  @Override
  public int hashCode() {
    return steps.hashCode();
  }

  @Override
  public String toString() {
    return "Runbook" + order.stream().map(StepSpec::id).toList();
  }
}
