package io.drwatch.schema;

import java.time.Duration;

/**
 * An action as config reads it: {@link KindSpec} plus its wait, from which the step's timeout
 * follows.
 *
 * <ul>
 *   <li>A <b>long provider operation</b> (an RDS promotion, a global failover) runs on its own once
 *       started: a step timeout shorter than its wait abandons a healthy operation, so that is a
 *       config error naming both.
 *   <li>A <b>quick action</b>'s wait is only a bound: a shorter step timeout caps it.
 * </ul>
 */
public interface ActionKindSpec<T> extends KindSpec<T> {

  /** The step timeout when the step names none and the action has no longer wait. */
  Duration QUICK_TIMEOUT = Duration.ofSeconds(60);

  /** Room for the apply call and the last read-back after a long operation's wait. */
  Duration LONG_MARGIN = Duration.ofSeconds(60);

  /** How long the action waits for its read-back by default (its {@code waitSeconds} default). */
  int waitSeconds();

  /** Whether it is a long provider operation, see above. */
  boolean longOperation();

  /** The wait of one step: its {@code waitSeconds} param when the action has one, else the default. */
  default Duration waitOf(Params params) {
    return Duration.ofSeconds(params.optionalInteger("waitSeconds").orElse(waitSeconds()));
  }

  /**
   * The step timeout when the step names none: a long operation's wait plus {@link #LONG_MARGIN};
   * a quick action's wait, at least {@link #QUICK_TIMEOUT}.
   */
  default Duration defaultTimeout(Duration wait) {
    if (longOperation()) {
      return wait.plus(LONG_MARGIN);
    }
    return wait.compareTo(QUICK_TIMEOUT) > 0 ? wait : QUICK_TIMEOUT;
  }
}
