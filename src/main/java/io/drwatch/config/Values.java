package io.drwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** How values appear in error messages. Secrets never do: errors end up in logs and tickets. */
final class Values {

  // By suffix, so that step params such as dbPassword, authToken or api-key count too.
  private static final List<String> SECRET_SUFFIXES =
      List.of("password", "token", "secret", "apikey", "headervalue");
  private static final String MASK = "***";
  private static final Pattern URL_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]*@");

  private Values() {}

  /**
   * Whether a key's value is a secret: its name, ignoring case, {@code -} and {@code _}, ends with
   * {@code password}, {@code token}, {@code secret}, {@code apiKey} or {@code headerValue}.
   */
  static boolean isSecret(String key) {
    if (key == null) {
      return false;
    }
    String name = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    return SECRET_SUFFIXES.stream().anyMatch(name::endsWith);
  }

  /** Text as a quoted string, or {@code ***} when {@code key} names a secret. */
  static String quoted(String key, String text) {
    if (isSecret(key)) {
      return MASK;
    }
    return TextNode.valueOf(maskUrlPassword(text)).toString();
  }

  /** Text as is for a {@code toString}, or {@code ***} when {@code key} names a secret. */
  static String shown(String key, String text) {
    return isSecret(key) ? MASK : maskUrlPassword(text);
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
    return isSecret(key) ? MASK : value.toString();
  }

  /** Hides the password in {@code scheme://user:password@host}, which users paste into urls. */
  static String maskUrlPassword(String text) {
    return URL_PASSWORD.matcher(text).replaceAll("$1" + MASK + "@");
  }
}
