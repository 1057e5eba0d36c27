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

/**
 * Reads {@code runbook}: its policy, its token and each step. Checks what the file alone can tell;
 * cycles and unknown actions are left to the domain and the action registry.
 */
final class RunbookReader {

  private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+");
  private static final Duration DEFAULT_MAX_DATA_LOSS = Duration.ZERO;
  private static final Duration DEFAULT_DRAIN_WAIT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(30);
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_EXPECTED = Duration.ofSeconds(30);

  private RunbookReader() {}

  /**
   * @param channelNames every well-formed name in {@code channels}
   * @param httpToken {@code http.token}, the default of {@code runbook.token}
   */
  static Optional<RunbookConfig> read(
      Node root, Set<String> channelNames, Optional<String> httpToken) {
    return root.object("runbook").map(node -> runbook(node, channelNames, httpToken));
  }

  private static RunbookConfig runbook(
      Node node, Set<String> channelNames, Optional<String> httpToken) {
    node.rejectUnknown("mode", "maxDataLoss", "drainWait", "cooldown", "token", "steps");
    RunbookConfig.Mode mode =
        node.string("mode").flatMap(m -> mode(node, m)).orElse(RunbookConfig.Mode.APPROVAL);
    Duration maxDataLoss = node.duration("maxDataLoss", DEFAULT_MAX_DATA_LOSS, false);
    Duration drainWait = node.duration("drainWait", DEFAULT_DRAIN_WAIT, false);
    Duration cooldown = node.duration("cooldown", DEFAULT_COOLDOWN, false);
    Optional<String> token = token(node, httpToken);
    List<StepConfig> steps = steps(node, channelNames);
    return new RunbookConfig(mode, maxDataLoss, drainWait, cooldown, token, steps);
  }

  private static Optional<RunbookConfig.Mode> mode(Node node, String text) {
    Optional<RunbookConfig.Mode> mode = RunbookConfig.Mode.fromConfigName(text);
    if (mode.isEmpty()) {
      node.invalid("mode", "must be one of " + RunbookConfig.Mode.allConfigNames(), text);
    }
    return mode;
  }

  // Approve, cancel and failover must be authenticated; without a token they could never be used.
  private static Optional<String> token(Node node, Optional<String> httpToken) {
    int errorsBefore = node.errorCount();
    Optional<String> token = ConfigLoader.nonEmpty(node, "token");
    boolean given = node.has("token");
    if (!given && httpToken.isEmpty() && node.errorCount() == errorsBefore) {
      node.error(
          "token",
          "required when http.token is not set: the approve, cancel and failover endpoints need"
              + " a token");
    }
    return given ? token : httpToken;
  }

  private static List<StepConfig> steps(Node runbook, Set<String> channelNames) {
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
      step(entry, channelNames, ids, pathById).ifPresent(steps::add);
    }
    return steps;
  }

  private static Optional<StepConfig> step(
      Node node, Set<String> channelNames, Set<String> ids, Map<String, String> pathById) {
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
    Optional<String> id = node.matching("id", node.requiredString("id"), ConfigLoader.NAME);
    id.ifPresent(i -> unique(node, i, pathById));
    Optional<String> action = node.matching("action", node.requiredString("action"), ACTION);
    Optional<String> channel = node.string("channel").flatMap(c -> channel(node, c, channelNames));
    List<String> after = after(node, id, ids);
    Duration timeout = node.duration("timeout", DEFAULT_TIMEOUT, true);
    int retries = node.integer("retries", 0, 0, Integer.MAX_VALUE);
    Duration expected = node.duration("expected", DEFAULT_EXPECTED, true);
    boolean fence = node.bool("fence", false);
    Map<String, String> params = node.stringMap("params").orElse(Map.of());
    Map<String, String> drill = node.stringMap("drill").orElse(Map.of());
    if (node.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
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
            drill));
  }

  private static void unique(Node node, String id, Map<String, String> pathById) {
    String first = pathById.putIfAbsent(id, node.path());
    if (first != null) {
      node.error("id", "duplicate step id \"" + id + "\" (also " + first + ")");
    }
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
