package io.drwatch.port;

import io.vertx.core.Future;
import java.util.List;

/**
 * The cluster's copy of the failover journal, so that the next lease holder resumes a run where
 * the last one stopped and every observer sees the post-failover latch. Lines are opaque to the
 * mirror (the journal adapter encodes them). Appends are fenced: one made under an epoch that is
 * no longer the lease's newest fails with {@link LeaseFailure.Code#FENCED} and writes nothing.
 */
public interface RunMirror {

  /** Appends one encoded record under {@code epoch}; succeeds once the cluster has it. */
  Future<Void> append(long epoch, String line);

  /**
   * Appends one record that needs no lease (an operator's re-arm): it is not fenced, because it
   * starts nothing and may be written by any observer.
   */
  Future<Void> appendUnfenced(String line);

  /** Every line, oldest first. */
  Future<List<String>> readAll();
}
