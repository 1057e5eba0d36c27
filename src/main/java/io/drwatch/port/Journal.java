package io.drwatch.port;

import io.drwatch.domain.runbook.JournalRecord;
import io.vertx.core.Future;
import java.util.List;

/**
 * The failover runs' durable, append-only record. The pipeline appends each transition's record
 * and acts only after the append succeeded, so after a crash the journal never misses an action
 * that took place; {@link io.drwatch.domain.runbook.FailoverRun#replayAll} rebuilds the runs.
 */
public interface Journal {

  /** Appends one record; succeeds once it is durable (on disk, not in a cache). */
  Future<Void> append(JournalRecord record);

  /**
   * Every readable record, oldest first. Damaged entries are reported by the implementation and
   * left out; reading never fails because of them, so a damaged journal cannot block startup.
   */
  Future<List<JournalRecord>> readAll();
}
