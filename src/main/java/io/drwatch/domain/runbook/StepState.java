package io.drwatch.domain.runbook;

/** Where one step of a run is. */
public enum StepState {
  /** Not started, or its last attempt was interrupted by a restart and did not count. */
  PLANNED,
  /** An attempt began and has not ended: after a restart, "in flight", to be re-checked. */
  STARTED,
  FINISHED,
  /** The last attempt failed; it may be retried while attempts remain. */
  FAILED,
  /** Its check found the target state already reached; counts as done. */
  SKIPPED;

  /** Done for the steps that wait on it. */
  public boolean isDone() {
    return this == FINISHED || this == SKIPPED;
  }
}
