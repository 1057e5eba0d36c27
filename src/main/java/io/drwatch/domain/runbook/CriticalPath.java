package io.drwatch.domain.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The longest chain of steps through the runbook, by estimated duration: the part of RTO that
 * running steps in parallel cannot shorten. Promotions wait for every fence, so the chain can go
 * from a fence to a promotion that does not list it in {@code after}.
 *
 * @param steps step ids in run order
 * @param total the sum of their estimates
 */
public record CriticalPath(List<String> steps, Duration total) {

  public CriticalPath {
    steps = List.copyOf(steps);
  }

  /** {@code fence-old -> promote-db -> scale-app}. */
  public String text() {
    return String.join(" -> ", steps);
  }

  /**
   * Longest path over {@code runbook.order()}. Ties go to the step earlier in that order, so the
   * answer is stable across runs. A step missing from estimates counts with its expected value.
   */
  static CriticalPath of(Runbook runbook, Map<String, Duration> estimates) {
    Map<String, Duration> finish = new HashMap<>();
    Map<String, String> via = new HashMap<>();
    String last = null;
    for (StepSpec step : runbook.order()) {
      String latest = null;
      for (StepSpec before : runbook.order()) {
        if (runbook.prerequisites(step.id()).contains(before.id())
            && (latest == null || finish.get(before.id()).compareTo(finish.get(latest)) > 0)) {
          latest = before.id();
        }
      }
      Duration start = Duration.ZERO;
      if (latest != null) {
        start = finish.get(latest);
        via.put(step.id(), latest);
      }
      Duration end = start.plus(estimates.getOrDefault(step.id(), step.expected()));
      finish.put(step.id(), end);
      if (last == null || end.compareTo(finish.get(last)) > 0) {
        last = step.id();
      }
    }
    List<String> path = new ArrayList<>();
    for (String at = last; at != null; at = via.get(at)) {
      path.add(at);
    }
    Collections.reverse(path);
    return new CriticalPath(path, finish.get(last));
  }
}
