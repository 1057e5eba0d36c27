package io.drwatch.domain.runbook;

import io.drwatch.domain.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a run knows about one step: the latest attempt only. Journal timestamps are wall clock,
 * because they must mean something after a restart; the durations measured from them feed the
 * RTO projection.
 *
 * @param attempt 1-based number of the latest counted attempt; 0 before the first
 * @param startedAt when the latest attempt started
 * @param endedAt when it finished, failed or was skipped
 * @param message the last outcome's words ("" if none), e.g. a failure reason
 */
public record StepRecord(
    String step,
    StepState state,
    int attempt,
    Optional<Instant> startedAt,
    Optional<Instant> endedAt,
    String message) {

  public StepRecord {
    Require.nonNull("step", step, "state", state, "startedAt", startedAt, "endedAt", endedAt, "message", message);
  }

  public static StepRecord planned(String step) {
    return new StepRecord(step, StepState.PLANNED, 0, Optional.empty(), Optional.empty(), "");
  }

  /** How long the latest attempt took, if it started and ended. */
  public Optional<Duration> duration() {
    return startedAt.flatMap(s -> endedAt.map(e -> Duration.between(s, e)));
  }

  StepRecord with(StepState newState, int newAttempt, Optional<Instant> started,
      Optional<Instant> ended, String newMessage) {
    return new StepRecord(step, newState, newAttempt, started, ended, newMessage);
  }
}
