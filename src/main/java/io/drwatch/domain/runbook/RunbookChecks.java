package io.drwatch.domain.runbook;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Finds everything wrong with a list of steps at once: per step in config order (duplicate id,
 * unknown action, unknown {@code after}, fence and promote at once), then over the graph (cycles,
 * then a fence that would wait for a promotion). Graph checks need known, unique ids, so they run
 * only when the per-step checks found none of those.
 */
final class RunbookChecks {
  static final String PATH = "runbook.steps";

  private final String base;

  private RunbookChecks(String base) {
    this.base = base;
  }

  /** Problems as {@code path: rule}; knownActions empty = do not check actions (replay). */
  static List<String> problems(List<StepSpec> steps, Optional<Set<String>> knownActions) {
    return problems(PATH, steps, knownActions);
  }

  /** The same, naming {@code path} (e.g. {@code runbook.reprotect.steps}) as the steps' place. */
  static List<String> problems(String path, List<StepSpec> steps, Optional<Set<String>> knownActions) {
    return new RunbookChecks(path).check(steps, knownActions);
  }

  private List<String> check(List<StepSpec> steps, Optional<Set<String>> knownActions) {
    if (steps.isEmpty()) {
      return List.of(base + ": empty; a runbook needs at least one step");
    }
    List<String> errors = new ArrayList<>();
    Map<String, Integer> first = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Integer earlier = first.putIfAbsent(steps.get(i).id(), i);
      if (earlier != null) {
        errors.add(path(i) + ".id: duplicate id \"" + steps.get(i).id() + "\", first at "
            + path(earlier));
      }
    }
    boolean graphKnown = errors.isEmpty();
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      if (knownActions.isPresent() && !knownActions.get().contains(step.action())) {
        errors.add(path(i) + ".action: unknown action \"" + step.action() + "\" (available: "
            + String.join(", ", new TreeSet<>(knownActions.get())) + ")");
      }
      for (String id : step.after()) {
        if (!first.containsKey(id)) {
          graphKnown = false;
          errors.add(path(i) + ".after: unknown step id \"" + id + "\" (known: "
              + String.join(", ", first.keySet()) + ")");
        }
      }
      if (step.fence() && step.promote()) {
        errors.add(path(i) + ": step " + step.id() + " cannot be both fence and promote;"
            + " promotions wait for every fence");
      }
    }
    if (graphKnown) {
      List<String> cycles = cycles(steps);
      errors.addAll(cycles);
      if (cycles.isEmpty()) {
        errors.addAll(fencesAfterPromotions(steps));
      }
    }
    return errors;
  }

  private String path(int index) {
    return base + "[" + index + "]";
  }

  /** Each cycle once, in run direction ({@code a -> b}: b runs after a), found in config order. */
  private List<String> cycles(List<StepSpec> steps) {
    Map<String, List<String>> dependents = new LinkedHashMap<>();
    steps.forEach(s -> dependents.put(s.id(), new ArrayList<>()));
    steps.forEach(s -> s.after().forEach(a -> dependents.get(a).add(s.id())));
    List<String> found = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    Set<String> done = new HashSet<>();
    for (String root : dependents.keySet()) {
      walk(root, dependents, new ArrayDeque<>(), done, cycle -> {
        if (seen.add(new HashSet<>(cycle))) {
          found.add(base + ": cycle " + String.join(" -> ", cycle));
        }
      });
    }
    return found;
  }

  private static void walk(String id, Map<String, List<String>> dependents, Deque<String> stack,
      Set<String> done, Consumer<List<String>> onCycle) {
    if (done.contains(id)) {
      return;
    }
    stack.addLast(id);
    for (String next : dependents.get(id)) {
      if (stack.contains(next)) {
        List<String> path = new ArrayList<>(stack);
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
        cycle.add(next);
        onCycle.accept(cycle);
      } else {
        walk(next, dependents, stack, done, onCycle);
      }
    }
    stack.removeLast();
    done.add(id);
  }

  /**
   * A fence that runs after a promotion (directly or through {@code after}) would deadlock
   * fence-first: the promotion waits for the fence, the fence for the promotion.
   */
  private List<String> fencesAfterPromotions(List<StepSpec> steps) {
    Map<String, StepSpec> byId = new HashMap<>();
    steps.forEach(s -> byId.put(s.id(), s));
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepSpec step = steps.get(i);
      if (!step.fence()) {
        continue;
      }
      Deque<String> todo = new ArrayDeque<>(step.after());
      Set<String> visited = new HashSet<>();
      while (!todo.isEmpty()) {
        StepSpec up = byId.get(todo.removeFirst());
        if (!visited.add(up.id())) {
          continue;
        }
        if (up.promote()) {
          errors.add(path(i) + ".after: fence step " + step.id() + " runs after promote step "
              + up.id() + "; every fence must finish before any promotion");
          break;
        }
        todo.addAll(up.after());
      }
    }
    return errors;
  }
}
