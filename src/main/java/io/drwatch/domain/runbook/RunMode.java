package io.drwatch.domain.runbook;

/**
 * Why a run exists. {@code plan} is not a mode here: a dry run never becomes a run. The journal
 * and the JSON spell a mode in lower case ({@code execute}, {@code reprotect}, ...).
 */
public enum RunMode {
  /** Against the configured drill targets; measures RTO and RPO for the projection. */
  DRILL,
  /** Against production targets: a real failover. */
  EXECUTE,
  /** The {@code runbook.reprotect} steps: builds a new replica after a failover; operator only. */
  REPROTECT,
  /** The {@code runbook.switchover} steps: a planned, zero-loss change of primary; operator only. */
  SWITCHOVER;

  /** Touches production targets, so it runs under the executor lease like an execute run. */
  public boolean production() {
    return this != DRILL;
  }

  /** Started only by an operator, from its own runbook section, never by detection. */
  public boolean operatorOnly() {
    return this == REPROTECT || this == SWITCHOVER;
  }

  /** The journal's and the API's spelling. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
