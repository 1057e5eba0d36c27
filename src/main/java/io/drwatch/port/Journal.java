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

  /**
   * Appends one record written under the executor lease's fencing {@code epoch}; succeeds once it
   * is durable (on disk, not in a cache; in the cluster when mirrored). A mirrored journal refuses
   * a record whose epoch is no longer the lease's newest ({@link LeaseFailure.Code#FENCED}).
   * Epoch 0 means "no lease": drills, and an operator's re-arm, which start nothing.
   */
  Future<Void> append(JournalRecord record, long epoch);

  /** {@link #append(JournalRecord, long)} with epoch 0: no lease. */
  default Future<Void> append(JournalRecord record) {
    return append(record, 0);
  }

  /**
   * Every readable record, oldest first. Damaged entries are reported by the implementation and
   * left out; reading never fails because of them, so a damaged journal cannot block startup.
   */
  Future<List<JournalRecord>> readAll();
}
