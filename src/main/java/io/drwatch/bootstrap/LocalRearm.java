package io.drwatch.bootstrap;

import io.drwatch.adapter.coordination.LocalExecutorLease;
import io.drwatch.adapter.coordination.ZkRunMirror;
import io.drwatch.adapter.http.RunsApi;
import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.adapter.journal.MirroredJournal;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.runbook.FailoverLatch;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@code drwatch rearm} when no daemon answers: writes the {@code rearmed} record itself, under
 * the state-dir lock, to the journal the daemon will read (mirrored to ZooKeeper when configured).
 */
public final class LocalRearm {
  private LocalRearm() {}

  /** The operator name as the daemon's API would journal it (same cleaning); may be empty. */
  public static String operator(String raw) {
    return RunsApi.operator(raw);
  }

  /**
   * Re-arms automatic failover. Returns the latch it lifted (its one-line description), or empty
   * when failover was armed already and nothing was written.
   */
  public static Optional<String> rearm(DrwatchConfig cfg, String by) throws Exception {
    Vertx vertx = Vertx.vertx();
    LocalExecutorLease lock = new LocalExecutorLease(vertx, cfg.state().dir(), "drwatch-rearm");
    try {
      await(lock.start());
      FileJournal file = FileJournal.create(vertx, cfg.state().dir());
      Optional<ZkRunMirror> mirror = cfg.coordination().zookeeper().isPresent()
          ? Optional.of(await(ZkRunMirror.open(vertx, cfg.coordination().zookeeper().get())))
          : Optional.empty();
      Journal journal = mirror.<Journal>map(m -> new MirroredJournal(m, file)).orElse(file);
      try {
        FailoverLatch latch = FailoverLatch.of(await(journal.readAll()));
        if (latch.armed()) {
          return Optional.empty();
        }
        await(journal.append(new JournalRecord.Rearmed(latch.latchedBy().orElseThrow(), by,
            Instant.now()), 0));
        return Optional.of(latch.line());
      } finally {
        await(file.close());
        if (mirror.isPresent()) {
          await(mirror.get().close());
        }
      }
    } finally {
      await(lock.close());
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
