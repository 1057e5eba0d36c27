package io.drwatch.domain.runbook;

import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journal records back into runs, through the same {@link RunApply} the live transitions use.
 * Finished steps stay finished; an attempt started and never ended comes back STARTED, which
 * {@link FailoverRun#inFlight} reports for re-checking.
 */
final class RunReplay {
  private RunReplay() {}

  static FailoverRun strict(List<JournalRecord> records) {
    if (records.isEmpty() || !(records.get(0) instanceof RunStarted started)) {
      throw new IllegalArgumentException("a run's records must begin with RunStarted");
    }
    FailoverRun run = RunApply.apply(planned(started), started);
    for (JournalRecord record : records.subList(1, records.size())) {
      run = RunApply.apply(run, record);
    }
    return run;
  }

  /**
   * Never throws, so one damaged run cannot stop the daemon from starting: a record that does not
   * fit its run is left out and reported with its position (1-based, in the list given).
   */
  static Replayed lenient(List<JournalRecord> records) {
    Map<String, FailoverRun> runs = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      JournalRecord record = records.get(i);
      String where = "record " + (i + 1) + " (" + record.getClass().getSimpleName()
          + " of run " + record.runId() + ")";
      FailoverRun run = runs.get(record.runId());
      if (run == null && !(record instanceof RunStarted)) {
        problems.add(where + ": ignored, the run has no RunStarted before it");
        continue;
      }
      try {
        FailoverRun base = record instanceof RunStarted s && run == null ? planned(s) : run;
        runs.put(record.runId(), RunApply.apply(base, record));
      } catch (RuntimeException e) {
        problems.add(where + ": ignored, " + e.getMessage());
      }
    }
    return new Replayed(List.copyOf(runs.values()), problems);
  }

  private static FailoverRun planned(RunStarted started) {
    Runbook plan = Runbook.restore(started.plan());
    return FailoverRun.plan(started.runId(), started.mode(), started.trigger(), plan);
  }
}
