package io.drwatch.testkit;

import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import java.util.List;

/** The journal port over a list the test reads: for tests about the pipeline, not about files. */
public final class ListJournal implements Journal {
  private final List<JournalRecord> records;

  /** Appends go to {@code records} (a thread-safe list: appends come from event loops). */
  public ListJournal(List<JournalRecord> records) {
    this.records = records;
  }

  @Override
  public Future<Void> append(JournalRecord record, long epoch) {
    records.add(record);
    return Future.succeededFuture();
  }

  @Override
  public Future<List<JournalRecord>> readAll() {
    return Future.succeededFuture(List.copyOf(records));
  }
}
