package io.drwatch.schema;

/**
 * Thrown by a descriptor's {@code parse} for a rule that involves more than one parameter (both of
 * {@code header} and {@code headerValue}, or neither). Names the parameter the user should fix.
 */
public final class ParamException extends RuntimeException {
  private final String param;
  private final String value;

  /** @param message the rule broken, without the kind (added by the caller) */
  public ParamException(String param, String message) {
    this(param, message, null);
  }

  /** @param value shown after the rule as {@code , was <value>}; null for none */
  public ParamException(String param, String message, String value) {
    super(message, null, false, false);
    this.param = param;
    this.value = value;
  }

  /** {@code , was <value>}, or empty. */
  public String was() {
    return value == null ? "" : ", was " + value;
  }

  public String param() {
    return param;
  }
}
