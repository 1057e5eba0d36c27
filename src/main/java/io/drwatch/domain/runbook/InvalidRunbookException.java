package io.drwatch.domain.runbook;

import java.util.List;

/**
 * A runbook that cannot run. Carries every problem found, each one line of the form
 * {@code path: rule}, e.g. {@code runbook.steps: cycle promote-db -> scale-app -> promote-db}, so
 * the config loader can merge them with its own errors and a user can fix all in one pass.
 */
public final class InvalidRunbookException extends IllegalArgumentException {
  private final List<String> errors;

  public InvalidRunbookException(List<String> errors) {
    super(String.join("\n", errors));
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("an InvalidRunbookException needs at least one error");
    }
    this.errors = List.copyOf(errors);
  }

  /** The problems in the order found; never empty. */
  public List<String> errors() {
    return errors;
  }
}
