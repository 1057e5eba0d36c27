package io.drwatch.domain.runbook;

import java.util.List;
import java.util.Optional;

/**
 * Runs rebuilt from a journal by {@link FailoverRun#replayAll}, in start order, and the records
 * that did not fit, one line each (log them: they are evidence of a damaged journal).
 */
public record Replayed(List<FailoverRun> runs, List<String> problems) {

  public Replayed {
    runs = List.copyOf(runs);
    problems = List.copyOf(problems);
  }

  /** The run that had not ended when the journal stopped, if any: the one to resume. */
  public Optional<FailoverRun> unfinished() {
    return runs.stream().filter(FailoverRun::isActive).reduce((a, b) -> b);
  }
}
