package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.domain.ConfigNamed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A YAML map together with its key path, read field by field. Problems go to a list shared by the
 * whole file instead of being thrown, so one run reports all of them; readers return a default or
 * empty after a problem and the caller discards the result if {@link #errorCount} grew.
 */
final class Node {

  private final JsonNode json;
  private final String path;
  private final Function<String, String> env;
  private final List<String> errors;

  private Node(JsonNode json, String path, Function<String, String> env, List<String> errors) {
    this.json = json;
    this.path = path;
    this.env = env;
    this.errors = errors;
  }

  static Node root(JsonNode map, Function<String, String> env, List<String> errors) {
    return new Node(map, "", env, errors);
  }

  /**
   * The same map with a list of errors of its own, to look a value up ahead of the pass that
   * reports its problems, such as every step id before the first {@code after} is checked.
   */
  Node quiet() {
    return new Node(json, path, env, new ArrayList<>());
  }

  String path() {
    return path;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  int errorCount() {
    return errors.size();
  }

  void error(String key, String rule) {
    errors.add(pathOf(key) + ": " + rule);
  }

  /** Reports {@code rule} for {@code key} together with the value, masked if it is a secret. */
  void invalid(String key, String rule, String value) {
    error(key, rule + ", was " + Values.quoted(key, value));
  }

  /** Reports {@code value} at {@code key} when another node had it first, pointing at that one. */
  void unique(String key, String what, String value, Map<String, String> pathByValue) {
    String first = pathByValue.putIfAbsent(value, path());
    if (first != null) {
      error(key, "duplicate " + what + " \"" + value + "\" (also " + first + ")");
    }
  }

  /** The constant of {@code type} spelled {@code text}, else an error at {@code key} listing them. */
  <E extends Enum<E> & ConfigNamed> Optional<E> configNamed(String key, Class<E> type, String text) {
    Optional<E> value = ConfigNamed.fromConfigName(type, text);
    if (value.isEmpty()) {
      invalid(key, "must be one of " + ConfigNamed.allConfigNames(type), text);
    }
    return value;
  }

  void rejectUnknown(String... allowed) {
    rejectUnknown(List.of(), allowed);
  }

  /** Like {@link #rejectUnknown(String...)}, silent on {@code reported}: keys refused elsewhere. */
  void rejectUnknown(List<String> reported, String... allowed) {
    List<String> known = Arrays.asList(allowed);
    json.fieldNames()
        .forEachRemaining(
            key -> {
              if (!known.contains(key) && !reported.contains(key)) {
                error(key, "unknown key (allowed: " + String.join(", ", allowed) + ")");
              }
            });
  }

  boolean has(String key) {
    return value(key).isPresent();
  }

  /** Whether {@code key} holds a map, for keys that take either a map or a word. */
  boolean isMap(String key) {
    return value(key).map(JsonNode::isObject).orElse(false);
  }

  /** Whether {@code key} holds text (before substitution), for keys that take a map or a word. */
  boolean isText(String key) {
    return value(key).map(JsonNode::isTextual).orElse(false);
  }

  /** Reports {@code rule} for a value of the wrong type, described as {@link Values} does. */
  void wrongType(String key, String rule) {
    value(key).ifPresent(v -> error(key, rule + ", was " + Values.describe(key, v)));
  }

  Optional<Node> object(String key) {
    return value(key).flatMap(v -> asObject(v, pathOf(key)));
  }

  Optional<Node> requiredObject(String key) {
    return required(key).flatMap(v -> asObject(v, pathOf(key)));
  }

  /** The elements of a required, non-empty list, each of which must be a map. */
  Optional<List<Node>> requiredList(String key) {
    Optional<JsonNode> list = required(key);
    if (list.isEmpty()) {
      return Optional.empty();
    }
    if (list.get().isArray() && list.get().isEmpty()) {
      error(key, "must not be empty");
      return Optional.empty();
    }
    return maps(key, list.get());
  }

  /** The elements of an optional list, possibly empty, each of which must be a map. */
  Optional<List<Node>> list(String key) {
    return value(key).flatMap(v -> maps(key, v));
  }

  /**
   * One string of a list, with its own key such as {@code peers[1]}, so that a reader can report
   * a rule about it at its exact path with {@link #invalid}.
   */
  record Item(String key, String value) {}

  /**
   * The elements of an optional list of strings, after {@code ${...}} substitution. Elements that
   * are not strings or do not resolve are reported and left out.
   */
  Optional<List<Item>> strings(String key) {
    Optional<JsonNode> list = typed(key, JsonNode::isArray, "must be a list");
    if (list.isEmpty()) {
      return Optional.empty();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < list.get().size(); i++) {
      String itemKey = key + "[" + i + "]";
      JsonNode element = list.get().get(i);
      if (!element.isTextual()) {
        error(itemKey, "must be a string (quote it), was " + Values.describe(key, element));
        continue;
      }
      substitute(itemKey, element.textValue()).ifPresent(v -> items.add(new Item(itemKey, v)));
    }
    return Optional.of(items);
  }

  /** A map found inside this one at {@code valuePath}, for lists that mix maps and strings. */
  Node child(JsonNode value, String valuePath) {
    return new Node(value, valuePath, env, errors);
  }

  /**
   * The entries of an optional map of strings, in file order, after {@code ${...}} substitution.
   * Values that are not strings (numbers, booleans, null, containers) or do not resolve are
   * reported at {@code key.name} and left out.
   */
  Optional<Map<String, String>> stringMap(String key) {
    Optional<Node> map = object(key);
    if (map.isEmpty()) {
      return Optional.empty();
    }
    Node node = map.get();
    Map<String, String> entries = new LinkedHashMap<>();
    node.json
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (node.json.get(name).isNull()) {
                node.error(name, "must be a string (quote it), was null");
              } else {
                node.string(name).ifPresent(value -> entries.put(name, value));
              }
            });
    return Optional.of(entries);
  }

  /** The text after {@code ${...}} substitution; empty if absent, not a string, or unresolved. */
  Optional<String> string(String key) {
    return typed(key, JsonNode::isTextual, "must be a string (quote it)")
        .flatMap(v -> substitute(key, v.textValue()));
  }

  /** {@code build}'s item unless errors were reported since {@code errorsBefore}: no faulty item. */
  <T> Optional<T> unlessErrorsSince(int errorsBefore, Supplier<T> build) {
    return errorCount() > errorsBefore ? Optional.empty() : Optional.of(build.get());
  }

  /** The value if {@code is} accepts its type; else empty, with {@code rule} reported if present. */
  private Optional<JsonNode> typed(String key, Predicate<JsonNode> is, String rule) {
    Optional<JsonNode> value = value(key);
    value.filter(is.negate()).ifPresent(v -> wrongType(key, rule));
    return value.filter(is);
  }

  Optional<String> requiredString(String key) {
    return required(key).flatMap(v -> string(key));
  }

  String string(String key, String fallback) {
    return string(key).orElse(fallback);
  }

  /** Reports and drops text that does not match {@code pattern}. */
  Optional<String> matching(String key, Optional<String> text, Pattern pattern) {
    if (text.isPresent() && !pattern.matcher(text.get()).matches()) {
      invalid(key, "must match " + pattern.pattern(), text.get());
      return Optional.empty();
    }
    return text;
  }

  /** A duration that is at least 0, or greater than 0 if {@code positive}. */
  Duration duration(String key, Duration fallback, boolean positive) {
    return Scalars.duration(this, key, fallback, positive);
  }

  /** {@code true} or {@code false}; a {@code ${VAR}} string counts if it expands to either. */
  boolean bool(String key, boolean fallback) {
    return Scalars.bool(this, key, fallback);
  }

  /** An integer in {@code min..max}; a {@code ${VAR}} string counts if it expands to digits. */
  int integer(String key, int fallback, int min, int max) {
    return Scalars.integer(this, key, fallback, min, max);
  }

  Optional<String> substitute(String key, String raw) {
    EnvSubstitution.Result result = EnvSubstitution.substitute(raw, env);
    if (result.malformed() != null) {
      invalid(key, result.malformed(), raw);
    }
    for (String variable : result.unsetVariables()) {
      error(key, "environment variable " + variable + " is not set");
    }
    return result.ok() ? Optional.of(result.value()) : Optional.empty();
  }

  Optional<JsonNode> value(String key) {
    JsonNode value = json.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private Optional<JsonNode> required(String key) {
    Optional<JsonNode> value = value(key);
    if (value.isEmpty()) {
      error(key, "required");
    }
    return value;
  }

  private Optional<List<Node>> maps(String key, JsonNode list) {
    if (!list.isArray()) {
      error(key, "must be a list, was " + Values.describe(key, list));
      return Optional.empty();
    }
    List<Node> elements = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      asObject(list.get(i), pathOf(key) + "[" + i + "]").ifPresent(elements::add);
    }
    return Optional.of(elements);
  }

  private Optional<Node> asObject(JsonNode value, String valuePath) {
    if (!value.isObject()) {
      errors.add(valuePath + ": must be a map, was " + Values.describe(null, value));
      return Optional.empty();
    }
    return Optional.of(new Node(value, valuePath, env, errors));
  }
}
