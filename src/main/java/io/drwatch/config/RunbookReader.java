package io.drwatch.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import io.drwatch.schema.KindCatalog;

/**
 * Reads {@code runbook}: its policy, its token, its steps ({@link RunbookSteps}) and the
 * operator-only sections {@code reprotect} and {@code switchover}. Checks what the file alone can
 * tell; cycles, unknown actions and the switchover's fence rule are left to the domain and the
 * action registry.
 */
final class RunbookReader {

  private static final Duration DEFAULT_MAX_DATA_LOSS = Duration.ZERO;
  private static final Duration DEFAULT_DRAIN_WAIT = Duration.ofSeconds(60);
  private static final Duration DEFAULT_COOLDOWN = Duration.ofMinutes(30);
  private static final Duration DEFAULT_RESUME_WITHIN = Duration.ofMinutes(10);
  private static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofMinutes(30);

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
        "steps",
        "reprotect",
        "switchover");
    RunbookConfig.Mode mode = node.string("mode")
        .flatMap(m -> node.configNamed("mode", RunbookConfig.Mode.class, m)).orElse(RunbookConfig.Mode.APPROVAL);
    Duration maxDataLoss = node.duration("maxDataLoss", DEFAULT_MAX_DATA_LOSS, false);
    Duration drainWait = node.duration("drainWait", DEFAULT_DRAIN_WAIT, false);
    Duration cooldown = node.duration("cooldown", DEFAULT_COOLDOWN, false);
    Duration resumeWithin = node.duration("resumeWithin", DEFAULT_RESUME_WITHIN, true);
    Duration approvalTimeout = node.duration("approvalTimeout", DEFAULT_APPROVAL_TIMEOUT, true);
    Optional<Secret> token = token(node);
    List<StepConfig> steps = new RunbookSteps(channelNames, kinds, true).read(node, warnings);
    Optional<RunbookConfig.Section> reprotect = section(node, "reprotect", channelNames, kinds);
    Optional<RunbookConfig.Section> switchover = section(node, "switchover", channelNames, kinds);
    return new RunbookConfig(mode, maxDataLoss, drainWait, cooldown, resumeWithin, approvalTimeout,
        token, steps, reprotect, switchover);
  }

  // An operator-only runbook: same steps, no drill block (a drill never runs it), its own drainWait.
  private static Optional<RunbookConfig.Section> section(Node runbook, String key, Set<String> channelNames,
      KindCatalog kinds) {
    return runbook.object(key).flatMap(node -> {
      int errorsBefore = node.errorCount();
      if (key.equals("switchover")) {
        node.rejectUnknown("drainWait", "steps");
      } else {
        node.rejectUnknown("steps");
      }
      Duration drainWait = node.duration("drainWait", DEFAULT_DRAIN_WAIT, false);
      List<StepConfig> steps = new RunbookSteps(channelNames, kinds, false).read(node, new ArrayList<>());
      return node.unlessErrorsSince(errorsBefore, () -> new RunbookConfig.Section(drainWait, steps));
    });
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
}
