package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/** A {@link Node}'s scalar values: durations, flags and bounded integers, each with its rule. */
final class Scalars {
  private Scalars() {}

  static Duration duration(Node node, String key, Duration fallback, boolean positive) {
    Optional<JsonNode> value = node.value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    String rule = "must be a duration like 200ms, 5s, 15m";
    if (!value.get().isTextual()) {
      node.error(key, rule + ", was " + Values.describe(key, value.get()));
      return fallback;
    }
    Optional<String> text = node.substitute(key, value.get().textValue());
    if (text.isEmpty()) {
      return fallback;
    }
    Duration d;
    try {
      d = Durations.parse(text.get());
    } catch (IllegalArgumentException e) {
      node.invalid(key, rule, text.get());
      return fallback;
    }
    if (d.isNegative() || (positive && d.isZero())) {
      node.error(key, "must be " + (positive ? "> 0" : ">= 0") + ", was " + text.get());
      return fallback;
    }
    return d;
  }

  static boolean bool(Node node, String key, boolean fallback) {
    Optional<JsonNode> flag = expanded(node, key, text -> switch (text) {
      case "true" -> BooleanNode.TRUE;
      case "false" -> BooleanNode.FALSE;
      default -> new TextNode(text);
    });
    if (flag.isEmpty()) {
      return fallback;
    }
    if (!flag.get().isBoolean()) {
      node.error(key, "must be true or false, was " + Values.describe(key, flag.get()));
      return fallback;
    }
    return flag.get().booleanValue();
  }

  static int integer(Node node, String key, int fallback, int min, int max) {
    Optional<JsonNode> number = expanded(node, key, text -> text.matches("-?\\d{1,18}")
        ? LongNode.valueOf(Long.parseLong(text)) : new TextNode(text));
    if (number.isEmpty()) {
      return fallback;
    }
    JsonNode n = number.get();
    if (!n.isIntegralNumber()) {
      node.error(key, "must be an integer, was " + Values.describe(key, n));
      return fallback;
    }
    if (!n.canConvertToLong() || n.longValue() < min || n.longValue() > max) {
      String range = max == Integer.MAX_VALUE ? ">= " + min : min + ".." + max;
      node.error(key, "must be " + range + ", was " + n.asText());
      return fallback;
    }
    return n.intValue();
  }

  // A YAML scalar, or a ${VAR} string read as the scalar it expands to; empty if absent or unresolved.
  private static Optional<JsonNode> expanded(Node node, String key, Function<String, JsonNode> read) {
    Optional<JsonNode> value = node.value(key);
    if (value.isEmpty() || !value.get().isTextual()
        || !EnvSubstitution.hasReference(value.get().textValue())) {
      return value;
    }
    return node.substitute(key, value.get().textValue()).map(read);
  }
}
