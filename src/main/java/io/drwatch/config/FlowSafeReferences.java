package io.drwatch.config;

/**
 * Lets {@code ${VAR}} stand unquoted inside YAML flow collections, as in {@code http: { readToken:
 * ${TOKEN} }}. YAML forbids braces, brackets and commas in plain scalars there, so before parsing
 * those characters inside each one-line {@code ${...}} are swapped for private-use characters, and
 * swapped back in the parsed strings. The swap is one character for one, so line and column numbers
 * in YAML errors stay true.
 */
final class FlowSafeReferences {

  private static final String SPECIAL = "{}[],:#";
  private static final char FIRST_STANDIN = '\uE000';

  private FlowSafeReferences() {}

  /** False when the text already holds a stand-in, so swapping back would corrupt it. */
  static boolean canProtect(String yaml) {
    for (int i = 0; i < SPECIAL.length(); i++) {
      if (yaml.indexOf(FIRST_STANDIN + i) >= 0) {
        return false;
      }
    }
    return true;
  }

  static String protect(String yaml) {
    StringBuilder out = new StringBuilder(yaml);
    int start = yaml.indexOf("${");
    while (start >= 0) {
      int end = closingBrace(yaml, start + 2);
      if (end < 0) {
        start = yaml.indexOf("${", start + 2);
        continue;
      }
      for (int i = start + 1; i <= end; i++) {
        int special = SPECIAL.indexOf(yaml.charAt(i));
        if (special >= 0) {
          out.setCharAt(i, (char) (FIRST_STANDIN + special));
        }
      }
      start = yaml.indexOf("${", end + 1);
    }
    return out.toString();
  }

  static String restore(String value) {
    StringBuilder out = null;
    for (int i = 0; i < value.length(); i++) {
      int special = value.charAt(i) - FIRST_STANDIN;
      if (special >= 0 && special < SPECIAL.length()) {
        if (out == null) {
          out = new StringBuilder(value);
        }
        out.setCharAt(i, SPECIAL.charAt(special));
      }
    }
    return out == null ? value : out.toString();
  }

  // Quotes or a line end before the brace mean this is not a reference we may touch: swapping
  // there could change where a quoted string or a flow collection ends.
  private static int closingBrace(String yaml, int from) {
    for (int i = from; i < yaml.length(); i++) {
      char c = yaml.charAt(i);
      if (c == '}') {
        return i;
      }
      if (c == '\n' || c == '\r' || c == '"' || c == '\'' || c == '{') {
        return -1;
      }
    }
    return -1;
  }
}
