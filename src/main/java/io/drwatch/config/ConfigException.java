package io.drwatch.config;

import java.util.List;

/**
 * A configuration that cannot be used. Carries every problem found, each one line of the form
 * {@code path: rule, was value}, so a user can fix them all in one pass.
 */
public final class ConfigException extends Exception {

  private final List<String> errors;

  public ConfigException(List<String> errors) {
    super(String.join("\n", errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** The problems in the order they were found; never empty. */
  public List<String> errors() {
    return errors;
  }
}
