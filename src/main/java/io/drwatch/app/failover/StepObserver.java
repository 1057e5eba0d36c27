package io.drwatch.app.failover;

import java.time.Duration;

/** Hears about every step as it starts and ends: metrics, and the drill's progress lines. */
public interface StepObserver {
  void started(String runId, String step, String action);

  /** outcome: finished, failed, skipped or blocked. */
  void ended(String runId, String step, String outcome, Duration took, String message);
}
