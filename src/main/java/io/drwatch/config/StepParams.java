package io.drwatch.config;

import io.drwatch.schema.ActionKindSpec;
import io.drwatch.schema.KindCatalog;
import io.drwatch.schema.ParamError;
import io.drwatch.schema.Params;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step's {@code params} and {@code drill} checked against its action's descriptor, and its
 * timeout against the action's wait. An unknown action is left to the runbook check, which names
 * the known ones.
 */
final class StepParams {
  private StepParams() {}

  /**
   * @param timeout the step's {@code timeout}, empty when the step names none
   * @return the step's timeout: the given one, or the action's default for its wait
   */
  static Duration check(Node node, String action, Map<String, String> params,
      Optional<Map<String, String>> drill, Optional<Duration> timeout, KindCatalog kinds) {
    Optional<ActionKindSpec<?>> spec = kinds.action(action);
    if (spec.isEmpty()) {
      return timeout.orElse(ActionKindSpec.QUICK_TIMEOUT);
    }
    Optional<Duration> wait = read(node, "params", spec.get(), params);
    Optional<Duration> drillWait = drill.flatMap(d -> read(node, "drill", spec.get(), d));
    if (timeout.isEmpty()) {
      // The longer of the two waits, so that neither a real run nor a drill is cut short.
      Duration longest = max(wait.orElse(Duration.ZERO), drillWait.orElse(Duration.ZERO));
      return spec.get().defaultTimeout(longest.isZero() ? Duration.ofSeconds(spec.get().waitSeconds()) : longest);
    }
    if (spec.get().longOperation()) {
      contradiction(node, spec.get(), "params", wait, timeout.get());
      contradiction(node, spec.get(), "drill", drillWait, timeout.get());
    }
    return timeout.get();
  }

  private static Optional<Duration> read(Node node, String key, ActionKindSpec<?> spec, Map<String, String> raw) {
    List<ParamError> errors = new ArrayList<>();
    Optional<Params> params = spec.checked(spec.name(), raw, errors);
    errors.forEach(e -> node.error(key + "." + e.param(), e.message()));
    return params.map(spec::waitOf);
  }

  // A long provider operation keeps running after its step is abandoned: the timeout must cover the wait.
  private static void contradiction(Node node, ActionKindSpec<?> spec, String where, Optional<Duration> wait,
      Duration timeout) {
    if (wait.isPresent() && timeout.compareTo(wait.get()) < 0) {
      node.error("timeout", "must be at least the wait of " + spec.name() + " (" + where + ".waitSeconds "
          + wait.get().toSeconds() + "s" + (spec.params().spec("waitSeconds").isPresent() ? "" : ", fixed")
          + "), was " + Durations.format(timeout) + ": a long provider operation keeps running after its step is"
          + " abandoned; raise timeout or lower waitSeconds");
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
