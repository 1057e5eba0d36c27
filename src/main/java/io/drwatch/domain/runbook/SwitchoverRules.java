package io.drwatch.domain.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The load-time rule of a switchover runbook: no promotion without a fence first. A planned
 * switchover promises zero loss, which the canary can prove only after writes on the old primary
 * stopped; a promotion with no fence before it would promote while the primary still takes
 * writes. An action that fences by itself (Redis {@code FAILOVER}, which hands over at a matching
 * replication offset) needs no separate fence step.
 */
public final class SwitchoverRules {
  public static final String PATH = "runbook.switchover.steps";

  private SwitchoverRules() {}

  /**
   * @param steps the switchover steps in config order
   * @param selfFencing the action kinds whose descriptor says they fence by themselves
   * @return one line per promote step that neither waits for a fence nor fences itself
   */
  public static List<String> problems(List<StepSpec> steps, Set<String> selfFencing) {
    boolean anyFence = steps.stream().anyMatch(StepSpec::fence);
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      StepSpec s = steps.get(i);
      if (s.promote() && !anyFence && !selfFencing.contains(s.action())) {
        errors.add(PATH + "[" + i + "]: promote step " + s.id() + " (" + s.action() + ") must run"
            + " after a fence step (fence: true) or use an action that fences itself"
            + (selfFencing.isEmpty() ? "" : " (" + String.join(", ", new java.util.TreeSet<>(selfFencing)) + ")")
            + ": a switchover without a fence cannot prove RPO 0");
      }
    }
    return errors;
  }

  /** Whether the gate checks {@code step} in a switchover: a promotion that does not fence itself. */
  public static boolean gated(StepSpec step, Set<String> selfFencing) {
    return step.promote() && !selfFencing.contains(step.action());
  }
}
