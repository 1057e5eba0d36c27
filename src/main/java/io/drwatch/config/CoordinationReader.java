package io.drwatch.config;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads {@code coordination}, and the rule that several observers acting on their own need it.
 */
final class CoordinationReader {

  private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?";
  private static final String HOST = LABEL + "(\\." + LABEL + ")*|\\[[0-9A-Fa-f:.]+\\]";
  private static final Pattern SERVER = Pattern.compile("(" + HOST + "):(\\d{1,5})");
  private static final String CONNECT_RULE =
      "must be a comma-separated list of host:port with every port in 1..65535"
          + " (no chroot suffix: put it in path)";
  private static final Pattern ZNODE = Pattern.compile("(/[A-Za-z0-9_.-]+)+");
  private static final String PATH_RULE =
      "must be a znode path like /drwatch/prod: starts with /, does not end with /,"
          + " segments of letters, digits, '.', '_', '-' other than . and ..";
  private static final Duration MIN_SESSION = Duration.ofSeconds(1);
  private static final Duration MAX_SESSION = Duration.ofMinutes(5);

  private CoordinationReader() {}

  static CoordinationConfig read(Node root) {
    return root.object("coordination")
        .map(CoordinationReader::coordination)
        .orElse(CoordinationConfig.none());
  }

  /**
   * Several observers in auto mode would each run the runbook on the same outage; only a shared
   * lease makes one of them the executor, so such a file is refused rather than trusted.
   */
  static void requireForAutoPeers(
      Node root, DetectionConfig detection, Optional<RunbookConfig> runbook,
      CoordinationConfig coordination) {
    boolean auto = runbook.map(r -> r.mode() == RunbookConfig.Mode.AUTO).orElse(false);
    if (detection.peers().isEmpty() || !auto || coordination.zookeeper().isPresent()) {
      return;
    }
    String key = root.has("coordination") ? "coordination.zookeeper" : "coordination";
    root.error(key, "required when detection.peers is set and runbook.mode is auto"
        + " (several observers would each execute the runbook), was absent");
  }

  private static CoordinationConfig coordination(Node node) {
    node.rejectUnknown("zookeeper");
    return new CoordinationConfig(node.object("zookeeper").flatMap(CoordinationReader::zookeeper));
  }

  private static Optional<ZooKeeperConfig> zookeeper(Node node) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown("connect", "path", "sessionTimeout");
    Optional<String> connect = node.requiredString("connect");
    connect.filter(c -> !validConnect(c)).ifPresent(c -> node.invalid("connect", CONNECT_RULE, c));
    Optional<String> path = node.requiredString("path");
    path.filter(p -> !validPath(p)).ifPresent(p -> node.invalid("path", PATH_RULE, p));
    Duration session =
        node.duration("sessionTimeout", ZooKeeperConfig.DEFAULT_SESSION_TIMEOUT, true);
    if (session.compareTo(MIN_SESSION) < 0 || session.compareTo(MAX_SESSION) > 0) {
      node.error("sessionTimeout", "must be 1s..5m, was " + Durations.format(session));
    }
    return node.unlessErrorsSince(errorsBefore,
        () -> new ZooKeeperConfig(connect.orElseThrow(), path.orElseThrow(), session));
  }

  static boolean validConnect(String connect) {
    for (String server : connect.split(",", -1)) {
      var m = SERVER.matcher(server.strip());
      if (!m.matches()) {
        return false;
      }
      int port = Integer.parseInt(m.group(m.groupCount()));
      if (port < 1 || port > 65535) {
        return false;
      }
    }
    return true;
  }

  static boolean validPath(String path) {
    if (!ZNODE.matcher(path).matches()) {
      return false;
    }
    for (String segment : path.substring(1).split("/")) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
