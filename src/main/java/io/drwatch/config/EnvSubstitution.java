package io.drwatch.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in scalar values; {@code $${} is a literal {@code
 * ${}. As in the shell, the default also applies when the variable is set but empty.
 *
 * <p>Substitution runs on parsed values, never on the raw file, so a variable's value cannot change
 * the YAML structure and errors can name the key they belong to.
 */
final class EnvSubstitution {

  static final String NAME_RULE = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern NAME = Pattern.compile(NAME_RULE);

  /**
   * @param value the text with references replaced; meaningless when there are problems
   * @param unsetVariables referenced variables that are unset and have no default
   * @param malformed a rule the text breaks, or null
   */
  record Result(String value, List<String> unsetVariables, String malformed) {
    boolean ok() {
      return unsetVariables.isEmpty() && malformed == null;
    }
  }

  private EnvSubstitution() {}

  /** Whether the text refers to a variable, so that it is worth substituting into a non-string. */
  static boolean hasReference(String raw) {
    return raw.replace("$${", "").contains("${");
  }

  static Result substitute(String raw, Function<String, String> env) {
    StringBuilder out = new StringBuilder(raw.length());
    List<String> unset = new ArrayList<>();
    int i = 0;
    while (i < raw.length()) {
      if (raw.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (raw.startsWith("${", i)) {
        int end = raw.indexOf('}', i + 2);
        if (end < 0) {
          return new Result(raw, List.of(), "unterminated ${ (write $${ for a literal ${)");
        }
        String expression = raw.substring(i + 2, end);
        int sep = expression.indexOf(":-");
        String name = sep < 0 ? expression : expression.substring(0, sep);
        if (!NAME.matcher(name).matches()) {
          return new Result(raw, List.of(), "environment variable names must match " + NAME_RULE);
        }
        String value = env.apply(name);
        if (sep >= 0 && (value == null || value.isEmpty())) {
          value = expression.substring(sep + 2);
        }
        if (value == null) {
          unset.add(name);
        } else {
          out.append(value);
        }
        i = end + 1;
      } else {
        out.append(raw.charAt(i));
        i++;
      }
    }
    return new Result(out.toString(), List.copyOf(unset), null);
  }
}
