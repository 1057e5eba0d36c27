package io.drwatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import io.drwatch.schema.ActionKindSpec;
import io.drwatch.schema.KindCatalog;

/**
 * Reads {@code runbook}: its policy, its token and each step. Checks what the file alone can tell;
 * cycles and unknown actions are left to the domain and the action registry.
 */
final class RunbookReader {

  private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+");
  private static final Duration DEFAULT_MAX_DATA_LOSS = Duration.ZERO;
  private static final Duration DEFAULT_DRAIN_WAIT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(30);
  private static final Duration DEFAULT_RESUME_WITHIN = Duration.ofMinutes(10);
  private static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(30);
  private static final String SKIP = "skip";
  private static final String DRILL_RULE = "must be a map of the drill's own params, or skip";
  private static final Duration DEFAULT_EXPECTED = Duration.ofSeconds(30);

  private RunbookReader() {}

  /**
   * @param channelNames every well-formed name in {@code channels}
   * @param warnings receives one line per step that a drill will not run
   */
  static Optional<RunbookConfig> read(Node root, Set<String> channelNames, List<String> warnings,
      KindCatalog kinds) {
    return root.object("runbook").map(node -> runbook(node, channelNames, warnings, kinds));
  }

  private static RunbookConfig runbook(Node node, Set<String> channelNames, List<String> warnings,
      KindCatalog kinds) {
    node.rejectUnknown(
        "mode",
        "maxDataLoss",
        "drainWait",
        "cooldown",
        "resumeWithin",
        "approvalTimeout",
        "token",
        "tokenFile",
        "steps");
    RunbookConfig.Mode mode = node.string("mode")
        .flatMap(m -> node.configNamed("mode", RunbookConfig.Mode.class, m)).orElse(RunbookConfig.Mode.APPROVAL);
    Duration maxDataLoss = node.duration("maxDataLoss", DEFAULT_MAX_DATA_LOSS, false);
    Duration drainWait = node.duration("drainWait", DEFAULT_DRAIN_WAIT, false);
    Duration cooldown = node.duration("cooldown", DEFAULT_COOLDOWN, false);
    Duration resumeWithin = node.duration("resumeWithin", DEFAULT_RESUME_WITHIN, true);
    Duration approvalTimeout = node.duration("approvalTimeout", DEFAULT_APPROVAL_TIMEOUT, true);
    Optional<Secret> token = token(node);
    List<StepConfig> steps = steps(node, channelNames, warnings, kinds);
    return new RunbookConfig(
        mode, maxDataLoss, drainWait, cooldown, resumeWithin, approvalTimeout, token, steps);
  }

  // Approve, cancel and failover must be authenticated; without a token they could never be used.
  private static Optional<Secret> token(Node node) {
    int errorsBefore = node.errorCount();
    Optional<Secret> token = ConfigLoader.secret(node, "token");
    if (token.isEmpty() && node.errorCount() == errorsBefore) {
      node.error("token", "required (or tokenFile): the operator's token for failover, approve,"
          + " cancel and re-arm");
    }
    return token;
  }

  private static List<StepConfig> steps(
      Node runbook, Set<String> channelNames, List<String> warnings, KindCatalog kinds) {
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
      step(entry, channelNames, ids, pathById, kinds).ifPresent(step -> {
        steps.add(step);
        noDrill(step).ifPresent(why -> warnings.add(
            entry.path() + " (" + step.id() + "): will not drill: " + why));
      });
    }
    return steps;
  }

  private static Optional<StepConfig> step(
      Node node, Set<String> channelNames, Set<String> ids, Map<String, String> pathById, KindCatalog kinds) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown(
        "id",
        "action",
        "channel",
        "after",
        "timeout",
        "retries",
        "expected",
        "fence",
        "params",
        "drill");
    Optional<String> id = ConfigLoader.uniqueName(node, "id", "step id", pathById);
    Optional<String> action = node.matching("action", node.requiredString("action"), ACTION);
    Optional<String> channel = node.string("channel").flatMap(c -> channel(node, c, channelNames));
    List<String> after = after(node, id, ids);
    Optional<Duration> given = node.has("timeout")
        ? Optional.of(node.duration("timeout", ActionKindSpec.QUICK_TIMEOUT, true)) : Optional.empty();
    int retries = node.integer("retries", 0, 0, Integer.MAX_VALUE);
    Duration expected = node.duration("expected", DEFAULT_EXPECTED, true);
    boolean fence = node.bool("fence", false);
    int beforeParams = node.errorCount();
    Map<String, String> params = node.stringMap("params").orElse(Map.of());
    boolean drillSkip = drillSkip(node);
    Optional<Map<String, String>> drill = drillSkip ? Optional.empty() : drill(node);
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

  private static List<String> after(Node node, Optional<String> self, Set<String> ids) {
    Map<String, String> pathById = new HashMap<>();
    List<String> after = new ArrayList<>();
    for (Node.Item item : node.strings("after").orElse(List.of())) {
      if (self.isPresent() && self.get().equals(item.value())) {
        node.invalid(item.key(), "must name another step, not this one", item.value());
      } else if (!ids.contains(item.value())) {
        String rule = "must name a step id in runbook.steps (known: " + known(ids) + ")";
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
