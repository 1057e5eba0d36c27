package io.drwatch.schema;

/** How a parameter's text is read. Every value in a config's {@code params} map is text. */
public enum ParamType {
  /** Any text; a pattern may restrict it. */
  STRING("string"),
  /** A whole number, within the spec's range. */
  INT("integer"),
  /** A duration with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}), within the spec's range. */
  DURATION("duration"),
  /** {@code true} or {@code false}. */
  BOOL("boolean"),
  /** An absolute {@code http} or {@code https} url, unless the spec names other schemes. */
  URL("url"),
  /** One of the spec's allowed values. */
  ENUM("enum"),
  /** Comma-separated text items, none empty. */
  LIST("list"),
  /** A JSON document (a payload, an input, an event detail). */
  JSON("json");

  private final String word;

  ParamType(String word) {
    this.word = word;
  }

  /** The word the parameter reference shows. */
  public String word() {
    return word;
  }
}
