package io.drwatch.config;

import io.drwatch.schema.ActionKindSpec;
import io.drwatch.schema.KindCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code steps} of a runbook: {@code runbook.steps}, or those of an operator-only section
 * ({@code runbook.reprotect}, {@code runbook.switchover}), which have no drill block since a drill
 * never runs them. Params are checked by the action's descriptor; cycles and unknown actions are
 * left to the domain and the action registry.
 */
final class RunbookSteps {
  private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+");
  private static final String SKIP = "skip";
  private static final String DRILL_RULE = "must be a map of the drill's own params, or skip";
  private static final Duration DEFAULT_EXPECTED = Duration.ofSeconds(30);

  private final Set<String> channelNames;
  private final KindCatalog kinds;
  private final boolean drillable;

  /**
   * @param channelNames every well-formed name in {@code channels}
   * @param drillable true for {@code runbook.steps}: steps may carry {@code drill}, and a step a
   *     drill will not run is a warning
   */
  RunbookSteps(Set<String> channelNames, KindCatalog kinds, boolean drillable) {
    this.channelNames = channelNames;
    this.kinds = kinds;
    this.drillable = drillable;
  }

  /** The {@code steps} of {@code runbook} (the {@code runbook} node or one of its sections). */
  List<StepConfig> read(Node runbook, List<String> warnings) {
    List<Node> entries = runbook.requiredList("steps").orElse(List.of());
    // Every well-formed id, also of steps with other problems, so that an after naming one of
    // them is not reported as unknown on top of those problems.
    Set<String> ids = new LinkedHashSet<>();
    for (Node entry : entries) {
      Node quiet = entry.quiet();
      quiet.matching("id", quiet.string("id"), ConfigLoader.NAME).ifPresent(ids::add);
    }
    Map<String, String> pathById = new HashMap<>();
    List<StepConfig> steps = new ArrayList<>();
    for (Node entry : entries) {
      step(entry, ids, pathById).ifPresent(step -> {
        steps.add(step);
        noDrill(step).filter(why -> drillable).ifPresent(why -> warnings.add(
            entry.path() + " (" + step.id() + "): will not drill: " + why));
      });
    }
    return steps;
  }

  private Optional<StepConfig> step(Node node, Set<String> ids, Map<String, String> pathById) {
    int errorsBefore = node.errorCount();
    List<String> keys = new ArrayList<>(List.of(
        "id", "action", "channel", "after", "timeout", "retries", "expected", "fence", "params"));
    if (drillable) {
      keys.add("drill");
    }
    node.rejectUnknown(keys.toArray(String[]::new));
    Optional<String> id = ConfigLoader.uniqueName(node, "id", "step id", pathById);
    Optional<String> action = node.matching("action", node.requiredString("action"), ACTION);
    Optional<String> channel = node.string("channel").flatMap(c -> channel(node, c, channelNames));
    List<String> after = after(node, id, ids, runbookPath(node));
    Optional<Duration> given = node.has("timeout")
        ? Optional.of(node.duration("timeout", ActionKindSpec.QUICK_TIMEOUT, true)) : Optional.empty();
    int retries = node.integer("retries", 0, 0, Integer.MAX_VALUE);
    Duration expected = node.duration("expected", DEFAULT_EXPECTED, true);
    boolean fence = node.bool("fence", false);
    int beforeParams = node.errorCount();
    Map<String, String> params = node.stringMap("params").orElse(Map.of());
    boolean drillSkip = drillable && drillSkip(node);
    Optional<Map<String, String>> drill = drillSkip || !drillable ? Optional.empty() : drill(node);
    // Params the map itself refused (not a string, unset variable) are not reported again as missing.
    boolean readable = node.errorCount() == beforeParams;
    Duration timeout = action.filter(a -> readable)
        .map(a -> StepParams.check(node, a, params, drill, given, kinds))
        .orElse(given.orElse(ActionKindSpec.QUICK_TIMEOUT));
    return node.unlessErrorsSince(errorsBefore, () ->
        new StepConfig(
            id.orElseThrow(),
            action.orElseThrow(),
            channel,
            after,
            timeout,
            retries,
            expected,
            fence,
            params,
            drill,
            drillSkip));
  }

  /** {@code drill: skip}; any other word is reported here. */
  private static boolean drillSkip(Node node) {
    if (!node.isText("drill")) {
      return false;
    }
    Optional<String> word = node.string("drill");
    if (word.isPresent() && !word.get().equals(SKIP)) {
      node.invalid("drill", DRILL_RULE, word.get());
    }
    return word.isPresent() && word.get().equals(SKIP);
  }

  // The drill block is the whole of the drill's params; an empty one would drill with none, which
  // is more likely a slip than a plan, so it must be spelled out or replaced by skip.
  private static Optional<Map<String, String>> drill(Node node) {
    if (!node.has("drill") || node.isText("drill")) {
      return Optional.empty();
    }
    if (!node.isMap("drill")) {
      node.wrongType("drill", DRILL_RULE);
      return Optional.empty();
    }
    int errorsBefore = node.errorCount();
    Optional<Map<String, String>> drill = node.stringMap("drill");
    if (drill.orElseThrow().isEmpty() && node.errorCount() == errorsBefore) {
      node.error("drill", "must not be empty: give the drill's own params, or skip");
    }
    return drill;
  }

  private static Optional<String> noDrill(StepConfig step) {
    if (step.drillSkip()) {
      return Optional.of("drill: skip");
    }
    return step.drills()
        ? Optional.empty()
        : Optional.of("no drill: block (add one, or drill: skip)");
  }

  private static Optional<String> channel(Node node, String name, Set<String> channelNames) {
    if (!channelNames.contains(name)) {
      String rule = "must name a channel in channels (known: " + known(channelNames) + ")";
      node.invalid("channel", rule, name);
      return Optional.empty();
    }
    return Optional.of(name);
  }

  // "runbook.steps" or "runbook.reprotect.steps", as the after rule names the steps it may name.
  private static String runbookPath(Node step) {
    String path = step.path();
    int bracket = path.lastIndexOf('[');
    return bracket < 0 ? path : path.substring(0, bracket);
  }

  private static List<String> after(Node node, Optional<String> self, Set<String> ids, String where) {
    Map<String, String> pathById = new HashMap<>();
    List<String> after = new ArrayList<>();
    for (Node.Item item : node.strings("after").orElse(List.of())) {
      if (self.isPresent() && self.get().equals(item.value())) {
        node.invalid(item.key(), "must name another step, not this one", item.value());
      } else if (!ids.contains(item.value())) {
        String rule = "must name a step id in " + where + " (known: " + known(ids) + ")";
        node.invalid(item.key(), rule, item.value());
      } else if (DetectionReader.unique(node, item, "step", pathById)) {
        after.add(item.value());
      }
    }
    return after;
  }

  private static String known(Set<String> names) {
    return names.isEmpty() ? "none" : String.join(", ", names);
  }
}
