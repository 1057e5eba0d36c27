package io.drwatch.domain;

/**
 * The null checks of a record's compact constructor in one call, so each record states which of its
 * components must be present without a column of {@code Objects.requireNonNull} lines.
 */
public final class Require {
  private Require() {}

  /**
   * Checks name/value pairs in order, {@code nonNull("name", name, "kind", kind)}, and throws the
   * {@link NullPointerException} {@code Objects.requireNonNull(value, name)} would for the first
   * missing one: its message is the component's name.
   */
  public static void nonNull(Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must come in pairs");
    }
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] == null) {
        throw new NullPointerException((String) namesAndValues[i]);
      }
    }
  }
}
