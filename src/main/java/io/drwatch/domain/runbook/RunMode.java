package io.drwatch.domain.runbook;

/** Why a run exists. {@code plan} is not a mode here: a dry run never becomes a run. */
public enum RunMode {
  /** Against the configured drill targets; measures RTO and RPO for the projection. */
  DRILL,
  /** Against production targets: a real failover. */
  EXECUTE,
  /** Operator-started: rebuilds replicas in the direction the channels run now (issue 14). */
  REPROTECT,
  /** Operator-started, zero-loss planned flip between two live sides (issue 14). */
  SWITCHOVER
}
