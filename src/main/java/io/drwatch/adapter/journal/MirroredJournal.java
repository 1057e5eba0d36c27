package io.drwatch.adapter.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.port.Journal;
import io.drwatch.port.RunMirror;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * The journal of an observer in a cluster: the cluster's copy ({@link RunMirror}, in ZooKeeper)
 * is the record of truth, so the next lease holder resumes where this one stopped and every
 * observer reads the same latch; the local file keeps what this observer wrote, for its own
 * audit. A record is acted on once the cluster has it: the mirror's append is fenced by the
 * epoch, so a former holder's late write is refused there and never reaches the file either.
 */
public final class MirroredJournal implements Journal {
  private static final System.Logger LOG = System.getLogger(MirroredJournal.class.getName());

  private final RunMirror mirror;
  private final FileJournal local;

  public MirroredJournal(RunMirror mirror, FileJournal local) {
    this.mirror = mirror;
    this.local = local;
  }

  @Override
  public Future<Void> append(JournalRecord record, long epoch) {
    String line = JournalCodec.encode(record, epoch);
    Future<Void> shared = epoch == 0 ? mirror.appendUnfenced(line) : mirror.append(epoch, line);
    // The cluster holds the record now; a local disk problem must not undo a fact the others see.
    return shared.onSuccess(v -> local.append(record, epoch).onFailure(err ->
        LOG.log(Level.WARNING, "journal: the cluster has " + record.getClass().getSimpleName()
            + " of run " + record.runId() + ", but the local copy failed: " + err.getMessage())));
  }

  @Override
  public Future<List<JournalRecord>> readAll() {
    return mirror.readAll().map(lines -> {
      JournalLines.Parsed parsed = JournalLines.parse("cluster journal",
          (String.join("\n", lines) + (lines.isEmpty() ? "" : "\n")).getBytes(UTF_8));
      parsed.warnings().forEach(w -> LOG.log(Level.WARNING, w));
      return parsed.records();
    });
  }

  /** Closes the local file; the mirror belongs to the coordination client. */
  public Future<Void> close() {
    return local.close();
  }
}
