package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Set;
import java.util.regex.Pattern;

/** How values appear in error messages. Secrets never do: errors end up in logs and tickets. */
final class Values {

  private static final Set<String> SECRET_KEYS = Set.of("password", "token", "peerToken");
  private static final String MASK = "***";
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]*@");

  private Values() {}

  /** Text as a quoted string, or {@code ***} when {@code key} names a secret. */
  static String quoted(String key, String text) {
    if (key != null && SECRET_KEYS.contains(key)) {
      return MASK;
    }
    return TextNode.valueOf(maskUrlPassword(text)).toString();
  }

  /** A parsed YAML value: containers by type, strings quoted, numbers and booleans as written. */
  static String describe(String key, JsonNode value) {
    if (value.isObject()) {
      return "a map";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isTextual()) {
      return quoted(key, value.textValue());
    }
    return key != null && SECRET_KEYS.contains(key) ? MASK : value.toString();
  }

  /** Hides the password in {@code scheme://user:password@host}, which users paste into urls. */
  static String maskUrlPassword(String text) {
    return URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
  }
}
