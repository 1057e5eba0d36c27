package io.drwatch.config;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One step of the runbook ({@code runbook.steps[]}).
 *
 * @param id unique among steps, matches {@code [a-z0-9][a-z0-9-]{0,62}} (a bounded Prometheus
 *     label value)
 * @param action the action kind, such as {@code pg-promote}; matches {@code [a-z0-9-]+}. Whether
 *     such an action exists is checked against the action registry, not here
 * @param channel a channel of {@code channels} whose RPO the RPO gate checks before this step;
 *     empty when not configured
 * @param after ids of other steps that must be done first, in config order; each names another
 *     step, no duplicates; default none. Cycles are the domain's check
 * @param timeout bound on one attempt, greater than 0. Default from the action's wait: a long
 *     provider operation's wait + 60s, a quick action's wait but at least 60s. For a long provider
 *     operation a shorter timeout than its wait is refused at load; for a quick one it caps the wait
 * @param retries attempts after a failed one, default 0, at least 0
 * @param expected the duration estimate the RTO projection uses until the step has been measured,
 *     default 30s, greater than 0
 * @param fence whether this is a fence step, which every promotion waits for; default false
 * @param params the action's parameters in config order, default none; values may hold
 *     credentials (keys such as {@code password}, {@code token}, {@code secret}, {@code apiKey}),
 *     which {@link #toString} masks
 * @param drill the complete parameters of this step in a drill, same rules as {@code params} and
 *     never merged with them: a drill must not reach a production target through a key the drill
 *     block forgot. Empty when the step has no {@code drill:} block; such a step is not run in
 *     drills
 * @param drillSkip true for {@code drill: skip}: the step is deliberately not run in drills.
 *     Never true together with a {@code drill} block
 */
public record StepConfig(
    String id,
    String action,
    Optional<String> channel,
    List<String> after,
    Duration timeout,
    int retries,
    Duration expected,
    boolean fence,
    Map<String, String> params,
    Optional<Map<String, String>> drill,
    boolean drillSkip) {

  public StepConfig {
    Require.nonNull("id", id, "action", action, "channel", channel, "timeout", timeout, "expected", expected);
    after = List.copyOf(after);
    params = orderedCopy(params, "params");
    drill = Objects.requireNonNull(drill, "drill").map(d -> orderedCopy(d, "drill"));
    if (drillSkip && drill.isPresent()) {
      throw new IllegalArgumentException("step " + id + ": drill params and drill skip exclude each other");
    }
  }

  /** Whether a drill runs this step, with {@link #drill} as its parameters. */
  public boolean drills() {
    return drill.isPresent();
  }

  // Map.copyOf would lose the order that plan output and docs show; null-hostile all the same.
  private static Map<String, String> orderedCopy(Map<String, String> map, String name) {
    Map<String, String> copy = new LinkedHashMap<>();
    Objects.requireNonNull(map, name)
        .forEach(
            (key, value) ->
                copy.put(
                    Objects.requireNonNull(key, name + " key"),
                    Objects.requireNonNull(value, name + "." + key)));
    return Collections.unmodifiableMap(copy);
  }

  /** Masks secret parameters and passwords in urls so that logging a config never leaks them. */
  @Override
  public String toString() {
    return "StepConfig[id="
        + id
        + ", action="
        + action
        + ", channel="
        + channel
        + ", after="
        + after
        + ", timeout="
        + timeout
        + ", retries="
        + retries
        + ", expected="
        + expected
        + ", fence="
        + fence
        + ", params="
        + masked(params)
        + ", drill="
        + (drillSkip ? "skip" : drill.map(StepConfig::masked).orElse("none"))
        + "]";
  }

  private static String masked(Map<String, String> map) {
    return map.entrySet().stream()
        .map(e -> e.getKey() + "=" + Values.shown(e.getKey(), e.getValue()))
        .collect(Collectors.joining(", ", "{", "}"));
  }
}
