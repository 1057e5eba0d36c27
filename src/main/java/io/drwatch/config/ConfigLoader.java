package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.schema.KindCatalog;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads and validates a drwatch YAML config. Every problem in the file is reported at once, one
 * line each, as {@code path: rule, was value}; secrets are shown as {@code ***}.
 *
 * <p>See {@link DrwatchConfig} and the records it holds for each key's default and range. Keys
 * are camelCase, unknown keys are errors, durations need a unit ({@link Durations}), and scalar
 * strings may use {@code ${VAR}}, {@code ${VAR:-default}} and {@code $${} for a literal
 * {@code ${}.
 */
public final class ConfigLoader {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private static final Duration DEFAULT_RPO = Duration.ofSeconds(5);
  private static final Duration DEFAULT_RTO = Duration.ofMinutes(15);

  private ConfigLoader() {}

  /** Reads {@code file} as UTF-8 and substitutes from the process environment. */
  public static DrwatchConfig load(Path file) throws ConfigException {
    return load(file, new ArrayList<>());
  }

  /**
   * Like {@link #load(Path)}; a valid config's warnings (valid, but probably not what was meant,
   * such as a step that will not drill) are added to {@code warnings}, one line each, as {@code
   * path: what}. They never make the config invalid.
   */
  public static DrwatchConfig load(Path file, List<String> warnings) throws ConfigException {
    String yaml;
    try {
      yaml = Files.readString(file);
    } catch (IOException e) {
      throw new ConfigException(List.of("cannot read config file " + file + ": " + reason(e)));
    }
    return parse(yaml, System::getenv, warnings);
  }

  /**
   * @param env looks up a variable for {@code ${VAR}}; returns null when it is unset
   */
  public static DrwatchConfig parse(String yaml, Function<String, String> env)
      throws ConfigException {
    return parse(yaml, env, new ArrayList<>());
  }

  /**
   * @param env looks up a variable for {@code ${VAR}}; returns null when it is unset
   * @param warnings receives the warnings of a valid config, see {@link #load(Path, List)}
   */
  public static DrwatchConfig parse(
      String yaml, Function<String, String> env, List<String> warnings) throws ConfigException {
    return parse(yaml, env, warnings, KindCatalog.installed());
  }

  /**
   * @param kinds the channel kinds and actions whose descriptors check {@code channels[].params},
   *     {@code runbook.steps[].params} and {@code .drill}
   */
  public static DrwatchConfig parse(String yaml, Function<String, String> env, List<String> warnings,
      KindCatalog kinds) throws ConfigException {
    JsonNode tree = YamlSource.read(yaml);
    if (!tree.isObject()) {
      throw new ConfigException(
          List.of(
              "config must be a map with keys observer, http, objectives, channels, detection,"
                  + " state, runbook, coordination, log, was "
                  + Values.describe(null, tree)));
    }
    List<String> errors = new ArrayList<>();
    List<String> found = new ArrayList<>();
    Node root = Node.root(tree, env, errors);
    root.rejectUnknown(
        "observer", "http", "objectives", "channels", "detection", "state", "runbook",
        "coordination", "log");
    ObserverConfig observer = observer(root.object("observer"));
    HttpConfig http = HttpReader.read(root.object("http"));
    Objectives objectives = objectives(root.object("objectives"));
    Set<String> channelNames = new LinkedHashSet<>();
    List<ChannelConfig> channels = ChannelsReader.read(root, objectives.rpo(), channelNames, kinds);
    DetectionConfig detection = DetectionReader.read(root, channelNames);
    StateConfig state = state(root.object("state"));
    Optional<RunbookConfig> runbook = RunbookReader.read(root, channelNames, found, kinds);
    RoleTokens.requireDistinct(errors, http, detection, runbook);
    CoordinationConfig coordination = CoordinationReader.read(root);
    CoordinationReader.requireForAutoPeers(root, detection, runbook, coordination);
    LogConfig log = LogConfig.read(root.object("log"));
    if (!errors.isEmpty()) {
      throw new ConfigException(errors);
    }
    warnings.addAll(found);
    return new DrwatchConfig(
        observer, http, objectives, channels, detection, state, runbook, coordination, log);
  }

  private static ObserverConfig observer(Optional<Node> section) {
    if (section.isEmpty()) {
      return new ObserverConfig("local", "");
    }
    Node node = section.get();
    node.rejectUnknown("name", "region");
    String name = node.matching("name", node.string("name"), NAME).orElse("local");
    return new ObserverConfig(name, node.string("region", ""));
  }

  private static Objectives objectives(Optional<Node> section) {
    if (section.isEmpty()) {
      return new Objectives(DEFAULT_RPO, DEFAULT_RTO);
    }
    Node node = section.get();
    node.rejectUnknown("rpo", "rto");
    return new Objectives(
        node.duration("rpo", DEFAULT_RPO, false), node.duration("rto", DEFAULT_RTO, false));
  }

  private static StateConfig state(Optional<Node> section) {
    if (section.isEmpty()) {
      return StateConfig.defaults();
    }
    Node node = section.get();
    node.rejectUnknown("dir");
    Optional<String> dir = nonEmpty(node, "dir");
    if (dir.isEmpty()) {
      return StateConfig.defaults();
    }
    try {
      return new StateConfig(Path.of(dir.get()));
    } catch (InvalidPathException e) {
      node.invalid("dir", "must be a valid path (" + e.getReason() + ")", dir.get());
      return StateConfig.defaults();
    }
  }

  /**
   * The required name of a list item (channel, target, step, peer): it must match {@link #NAME},
   * and a name its siblings took already is reported as a duplicate {@code noun}.
   *
   * @param pathByName the names seen in this list so far, with where each was first seen
   */
  static Optional<String> uniqueName(Node node, String key, String noun, Map<String, String> pathByName) {
    Optional<String> name = node.matching(key, node.requiredString(key), NAME);
    name.ifPresent(n -> node.unique(key, noun, n, pathByName));
    return name;
  }

  /**
   * An optional string that, when given, must not be empty: an empty token or password is more
   * likely an unset variable than an intent, so it must not silently mean "none".
   */
  static Optional<String> nonEmpty(Node node, String key) {
    Optional<String> text = node.string(key);
    if (text.isPresent() && text.get().isEmpty()) {
      node.error(key, "must not be empty (leave the key out instead)");
      return Optional.empty();
    }
    return text;
  }

  /**
   * A secret given as {@code key} (inline or {@code ${ENV}}) or as {@code keyFile} (a path read now
   * and again when it changes), not both. Callers list both keys in {@code rejectUnknown}.
   */
  static Optional<Secret> secret(Node node, String key) {
    Optional<String> inline = nonEmpty(node, key);
    Optional<String> file = nonEmpty(node, key + "File");
    if (inline.isPresent() && file.isPresent()) {
      node.error(key + "File", "give " + key + " or " + key + "File, not both");
      return Optional.empty();
    }
    if (file.isEmpty()) {
      return inline.map(Secret::of);
    }
    try {
      return Optional.of(Secret.fromFile(Path.of(file.get())));
    } catch (InvalidPathException e) {
      node.invalid(key + "File", "must be a valid path (" + e.getReason() + ")", file.get());
    } catch (IllegalArgumentException e) {
      node.invalid(key + "File", "must name a readable, non-empty file: " + e.getMessage(), file.get());
    }
    return Optional.empty();
  }

  /** Why a file the config names could not be read, in words: the same for every such file. */
  static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "not valid UTF-8";
    }
    return e.toString();
  }
}
