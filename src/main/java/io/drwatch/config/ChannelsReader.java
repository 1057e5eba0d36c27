package io.drwatch.config;

import io.drwatch.domain.channel.ChannelKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads {@code channels}: each entry, its endpoints and its heartbeat. */
final class ChannelsReader {

  private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
  private static final Duration ONE_SECOND = Duration.ofSeconds(1);

  private ChannelsReader() {}

  /**
   * The valid channels; problems with the others are in the node's error list.
   *
   * @param names receives every well-formed channel name, also of channels with other problems, so
   *     that references to them are checked without repeating those problems
   */
  static List<ChannelConfig> read(Node root, Duration defaultRpo, Set<String> names) {
    Optional<List<Node>> entries = root.requiredList("channels");
    Map<String, String> pathByName = new LinkedHashMap<>();
    List<ChannelConfig> channels = new ArrayList<>();
    for (Node entry : entries.orElse(List.of())) {
      channel(entry, defaultRpo, pathByName).ifPresent(channels::add);
    }
    names.addAll(pathByName.keySet());
    return channels;
  }

  private static Optional<ChannelConfig> channel(
      Node node, Duration defaultRpo, Map<String, String> pathByName) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown("name", "kind", "primary", "replica", "heartbeat", "objective");
    Optional<String> name = node.matching("name", node.requiredString("name"), ConfigLoader.NAME);
    name.ifPresent(n -> unique(node, n, pathByName));
    Optional<ChannelKind> kind = node.requiredString("kind").flatMap(k -> kind(node, k));
    Optional<Endpoint> primary = node.requiredObject("primary").flatMap(e -> endpoint(e, kind));
    Optional<Endpoint> replica = node.requiredObject("replica").flatMap(e -> endpoint(e, kind));
    HeartbeatConfig heartbeat = heartbeat(node.object("heartbeat"), kind, name.orElse(""));
    Duration rpo =
        node.object("objective").map(o -> objectiveRpo(o, defaultRpo)).orElse(defaultRpo);
    if (node.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(
        new ChannelConfig(
            name.orElseThrow(),
            kind.orElseThrow(),
            primary.orElseThrow(),
            replica.orElseThrow(),
            heartbeat,
            rpo));
  }

  private static void unique(Node node, String name, Map<String, String> pathByName) {
    String first = pathByName.putIfAbsent(name, node.path());
    if (first != null) {
      node.error("name", "duplicate channel name \"" + name + "\" (also " + first + ")");
    }
  }

  private static Optional<ChannelKind> kind(Node node, String text) {
    Optional<ChannelKind> kind = ChannelKind.fromConfigName(text);
    if (kind.isEmpty()) {
      node.invalid("kind", "must be one of " + ChannelKind.allConfigNames(), text);
    }
    return kind;
  }

  // Without a known kind the url rules are unknown; the kind error already tells the user.
  private static Optional<Endpoint> endpoint(Node node, Optional<ChannelKind> kind) {
    node.rejectUnknown("url", "password");
    Optional<String> url = node.requiredString("url");
    Optional<String> password = ConfigLoader.nonEmpty(node, "password");
    if (url.isEmpty() || kind.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Endpoint(EndpointUrls.canonical(kind.get(), url.get()), password));
    } catch (IllegalArgumentException e) {
      node.invalid("url", e.getMessage(), url.get());
      return Optional.empty();
    }
  }

  private static HeartbeatConfig heartbeat(
      Optional<Node> section, Optional<ChannelKind> kind, String channelName) {
    String defaultKey = "drwatch:heartbeat:" + channelName;
    if (section.isEmpty()) {
      return new HeartbeatConfig(ONE_SECOND, ONE_SECOND, "drwatch_heartbeat", defaultKey, 3);
    }
    Node node = section.get();
    node.rejectUnknown("interval", "timeout", "table", "key", "stallIntervals");
    Duration interval = node.duration("interval", ONE_SECOND, true);
    Duration timeout = node.duration("timeout", ONE_SECOND, true);
    onlyFor(node, "table", ChannelKind.POSTGRES, kind);
    String table = node.matching("table", node.string("table"), TABLE).orElse("drwatch_heartbeat");
    onlyFor(node, "key", ChannelKind.REDIS, kind);
    String key = ConfigLoader.nonEmpty(node, "key").orElse(defaultKey);
    int stallIntervals = node.integer("stallIntervals", 3, 1, Integer.MAX_VALUE);
    return new HeartbeatConfig(interval, timeout, table, key, stallIntervals);
  }

  private static void onlyFor(
      Node node, String key, ChannelKind owner, Optional<ChannelKind> kind) {
    if (node.has(key) && kind.isPresent() && kind.get() != owner) {
      node.error(key, "only allowed for kind " + owner + ", this channel is " + kind.get());
    }
  }

  private static Duration objectiveRpo(Node node, Duration defaultRpo) {
    node.rejectUnknown("rpo");
    return node.duration("rpo", defaultRpo, false);
  }
}
