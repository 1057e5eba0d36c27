package io.drwatch.domain.runbook;

/** Where a failover run is. The last three are terminal: nothing changes them. */
public enum RunState {
  /** Built, not journaled: what {@code plan} shows and what {@code start} begins from. */
  PLANNED,
  /** Steps may start. */
  RUNNING,
  /** A promotion would lose more than maxDataLoss; waits for an explicit acceptance. */
  BLOCKED_DATA_LOSS,
  /** Approval mode: waits for an authenticated approve before any step. */
  AWAITING_APPROVAL,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
