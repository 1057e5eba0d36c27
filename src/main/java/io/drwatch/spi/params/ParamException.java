package io.drwatch.spi.params;

/**
 * Thrown by a descriptor's {@code parse} for a rule that involves more than one parameter (both of
 * {@code header} and {@code headerValue}, or neither). Names the parameter the user should fix.
 */
public final class ParamException extends RuntimeException {
  private final String param;

  public ParamException(String param, String message) {
    super(message, null, false, false);
    this.param = param;
  }

  public String param() {
    return param;
  }
}
