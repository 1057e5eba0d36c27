package io.drwatch.app.failover;

import io.drwatch.domain.FailureCode;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** Hears about every step as it starts and ends: metrics, and the drill's progress lines. */
public interface StepObserver {

  /** How a step ended; the lower-case {@link #label} is the metric label and the log word. */
  enum Outcome {
    FINISHED, FAILED, SKIPPED, BLOCKED;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  void started(String runId, String step, String action);

  /**
   * @param code why it failed: present exactly when {@code outcome} is {@link Outcome#FAILED}
   */
  void ended(String runId, String step, Outcome outcome, Optional<FailureCode> code, Duration took, String message);
}
