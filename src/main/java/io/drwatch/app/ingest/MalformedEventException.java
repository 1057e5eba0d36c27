package io.drwatch.app.ingest;

import java.util.Optional;

/** A delivery that is not an EventBridge envelope; names the offending field when there is one. */
public final class MalformedEventException extends Exception {
  private final String field;

  MalformedEventException(String field, String reason) {
    super(field == null ? reason : field + ": " + reason, null, false, false);
    this.field = field;
  }

  /** The envelope field at fault ({@code id}, {@code detail-type}, ...), or empty for the body as a whole. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
