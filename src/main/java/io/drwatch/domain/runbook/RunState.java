package io.drwatch.domain.runbook;

/** Where a failover run is. The last five are terminal: nothing changes them. */
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
  CANCELLED,
  /** An approval wait outlived {@code runbook.approvalTimeout}: nobody approved in time. */
  EXPIRED,
  /**
   * Found unfinished after a restart or a lease takeover, older than {@code runbook.resumeWithin},
   * with the outage no longer declared: resuming it would act on stale evidence.
   */
  ABANDONED;

  public boolean isTerminal() {
    return ordinal() >= SUCCEEDED.ordinal();
  }
}
