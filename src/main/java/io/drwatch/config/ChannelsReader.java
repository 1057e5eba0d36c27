package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.schema.ChannelKindSpec;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.KindCatalog;
import io.drwatch.schema.ParamError;
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
  /** Probe rounds run on a 10 ms grid (app/support SlotTimer): a shorter interval could not be kept. */
  private static final Duration MIN_INTERVAL = Duration.ofMillis(10);

  private ChannelsReader() {}

  /**
   * The valid channels; problems with the others are in the node's error list.
   *
   * @param names receives every well-formed channel name, also of channels with other problems, so
   *     that references to them are checked without repeating those problems
   */
  static List<ChannelConfig> read(Node root, Duration defaultRpo, Set<String> names, KindCatalog kinds) {
    Optional<List<Node>> entries = root.requiredList("channels");
    Map<String, String> pathByName = new LinkedHashMap<>();
    List<ChannelConfig> channels = new ArrayList<>();
    for (Node entry : entries.orElse(List.of())) {
      channel(entry, defaultRpo, pathByName, kinds).ifPresent(channels::add);
    }
    names.addAll(pathByName.keySet());
    return channels;
  }

  private static Optional<ChannelConfig> channel(
      Node node, Duration defaultRpo, Map<String, String> pathByName, KindCatalog kinds) {
    int errorsBefore = node.errorCount();
    node.rejectUnknown("name", "kind", "primary", "replica", "heartbeat", "objective", "params");
    Optional<String> name = ConfigLoader.uniqueName(node, "name", "channel name", pathByName);
    Optional<ChannelKind> kind = node.requiredString("kind").flatMap(k -> kind(node, k, kinds));
    Optional<ChannelKindSpec<?>> spec = kind.flatMap(k -> kinds.channelKind(k.configName()));
    Optional<ChannelShape> rules = spec.map(ChannelKindSpec::shape);
    endpointsPresence(node, kind, rules);
    Optional<Endpoint> primary = node.object("primary").flatMap(e -> endpoint(e, rules));
    Optional<Endpoint> replica = node.object("replica").flatMap(e -> endpoint(e, rules));
    Map<String, String> params = params(node, spec);
    HeartbeatConfig heartbeat = heartbeat(node.object("heartbeat"), kind, rules, name.orElse(""), kinds);
    Duration rpo =
        node.object("objective").map(o -> objectiveRpo(o, defaultRpo)).orElse(defaultRpo);
    return node.unlessErrorsSince(errorsBefore, () ->
        new ChannelConfig(
            name.orElseThrow(),
            kind.orElseThrow(),
            primary,
            replica,
            heartbeat,
            rpo,
            params));
  }

  // The domain's enum names the kinds a channel may have; a descriptor makes one usable.
  private static Optional<ChannelKind> kind(Node node, String text, KindCatalog kinds) {
    Optional<ChannelKind> kind = ConfigNamed.fromConfigName(ChannelKind.class, text)
        .filter(k -> kinds.channelKind(text).isPresent());
    if (kind.isEmpty()) {
      node.invalid("kind", "must be one of " + ConfigNamed.allConfigNames(ChannelKind.class), text);
    }
    return kind;
  }

  private static void endpointsPresence(Node node, Optional<ChannelKind> kind, Optional<ChannelShape> rules) {
    if (rules.isEmpty()) {
      return;
    }
    boolean primary = node.has("primary");
    boolean replica = node.has("replica");
    switch (rules.get().endpoints()) {
      case REQUIRED -> {
        if (!primary) {
          node.error("primary", "required for kind " + kind.get());
        }
        if (!replica) {
          node.error("replica", "required for kind " + kind.get());
        }
      }
      case OPTIONAL -> {
        if (primary != replica) {
          node.error(primary ? "replica" : "primary", "the canary of kind " + kind.get()
              + " needs both primary and replica, or neither");
        }
      }
      case NONE -> {
        for (String key : new String[] {"primary", "replica"}) {
          if (node.has(key)) {
            node.error(key, "not allowed for kind " + kind.get() + " (it is read through params)");
          }
        }
      }
    }
  }

  /** The raw params, checked against the kind's descriptor: unknown, required, type, range. */
  private static Map<String, String> params(Node node, Optional<ChannelKindSpec<?>> spec) {
    int before = node.errorCount();
    Map<String, String> params = node.stringMap("params").orElse(Map.of());
    // Params the map itself refused (not a string, unset variable) are not reported again as missing.
    if (spec.isPresent() && node.errorCount() == before) {
      List<ParamError> errors = new ArrayList<>();
      spec.get().check("kind " + spec.get().name(), params, errors);
      errors.forEach(e -> node.error("params." + e.param(), e.message()));
    }
    return params;
  }

  // Without a known kind the url rules are unknown; the kind error already tells the user.
  private static Optional<Endpoint> endpoint(Node node, Optional<ChannelShape> rules) {
    node.rejectUnknown(keys("url", EndpointAuthReader.KEYS));
    Optional<String> url = node.requiredString("url");
    Optional<Secret> password = ConfigLoader.secret(node, "password");
    if (url.isEmpty() || rules.isEmpty() || rules.get().endpoints() == ChannelShape.Need.NONE) {
      EndpointAuthReader.read(node, password, Optional.empty());
      return Optional.empty();
    }
    Optional<String> canonical = Optional.empty();
    try {
      canonical = Optional.of(EndpointUrls.canonical(rules.get().form(), url.get()));
    } catch (IllegalArgumentException e) {
      node.invalid("url", e.getMessage(), url.get());
    }
    EndpointAuthReader.Auth auth = EndpointAuthReader.read(node, password, canonical);
    return canonical.map(u -> new Endpoint(u, auth.password(), auth.caFile(), auth.iamAuth()));
  }

  static String[] keys(String first, String... more) {
    String[] all = new String[more.length + 1];
    all[0] = first;
    System.arraycopy(more, 0, all, 1, more.length);
    return all;
  }

  private static HeartbeatConfig heartbeat(Optional<Node> section, Optional<ChannelKind> kind,
      Optional<ChannelShape> rules, String channelName, KindCatalog kinds) {
    String defaultKey = "drwatch:heartbeat:" + channelName;
    Duration defaultInterval = rules.map(ChannelShape::interval).orElse(ONE_SECOND);
    Duration defaultTimeout = rules.map(ChannelShape::timeout).orElse(ONE_SECOND);
    int defaultStall = rules.map(ChannelShape::stallIntervals).orElse(3);
    if (section.isEmpty()) {
      return new HeartbeatConfig(defaultInterval, defaultTimeout, "drwatch_heartbeat", defaultKey, defaultStall);
    }
    Node node = section.get();
    node.rejectUnknown("interval", "timeout", "table", "key", "stallIntervals");
    Duration interval = node.duration("interval", defaultInterval, true);
    if (!interval.isNegative() && !interval.isZero() && interval.compareTo(MIN_INTERVAL) < 0) { // SlotTimer's grid
      node.error("interval", "must be >= 10ms (probe rounds run on a 10 ms grid), was " + Durations.format(interval));
    }
    Duration timeout = node.duration("timeout", defaultTimeout, true);
    onlyFor(node, "table", ChannelShape.Form.POSTGRES, kind, rules, kinds);
    String table = node.matching("table", node.string("table"), TABLE).orElse("drwatch_heartbeat");
    onlyFor(node, "key", ChannelShape.Form.REDIS, kind, rules, kinds);
    String key = ConfigLoader.nonEmpty(node, "key").orElse(defaultKey);
    int stallIntervals = node.integer("stallIntervals", defaultStall, 1, Integer.MAX_VALUE);
    return new HeartbeatConfig(interval, timeout, table, key, stallIntervals);
  }

  // The heartbeat table is a postgres canary's, the key a redis canary's, whatever the kind.
  private static void onlyFor(Node node, String key, ChannelShape.Form form, Optional<ChannelKind> kind,
      Optional<ChannelShape> rules, KindCatalog kinds) {
    boolean fits = rules.map(r -> canary(r, form)).orElse(true);
    if (node.has(key) && !fits) {
      String owners = java.util.Arrays.stream(ChannelKind.values())
          .filter(k -> kinds.channelKind(k.configName()).map(d -> canary(d.shape(), form)).orElse(false))
          .map(ChannelKind::toString).collect(java.util.stream.Collectors.joining(", "));
      node.error(key, "only allowed for kinds " + owners + " (with a canary), this channel is " + kind.get());
    }
  }

  private static boolean canary(ChannelShape shape, ChannelShape.Form form) {
    return shape.form() == form && shape.endpoints() != ChannelShape.Need.NONE;
  }

  private static Duration objectiveRpo(Node node, Duration defaultRpo) {
    node.rejectUnknown("rpo");
    return node.duration("rpo", defaultRpo, false);
  }
}
