package io.drwatch.adapter.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The journal as one append-only file, {@code <state.dir>/journal.jsonl}: one JSON object per
 * line, UTF-8, each line ended by {@code \n}, fsynced before {@link #append} succeeds.
 *
 * <p>Format (stable; readers ignore unknown fields, so fields may be added, never renamed).
 * Every line has {@code type}, {@code runId}, {@code at} (ISO-8601 UTC instant) and {@code epoch}
 * (the executor lease's fencing epoch it was written under; 0 = no lease). Durations are
 * ISO-8601 ({@code PT5S}), enum values lower case. Per type:
 *
 * <pre>
 * run-started        mode (drill|execute|reprotect|switchover), awaitingApproval, trigger {evidence: [line],
 *                    rpo: {channel: duration}}, plan: [{id, action, after: [id], timeout,
 *                    retries, expected, fence, promote}]   (params are never written)
 * run-approved       by
 * step-started       step, attempt
 * step-finished      step, message
 * step-failed        step, message
 * step-skipped       step, message
 * step-interrupted   step, message
 * run-blocked        step, reason
 * data-loss-accepted by
 * run-finished       outcome (succeeded|failed|expired|abandoned), reason
 * run-cancelled      by, reason
 * run-measured       rto, rpo {channel: duration}
 * rearmed            by        (an operator re-armed automatic failover after this run)
 * direction-flipped  channels: [name]  (this successful execute or switchover run promoted their replicas)
 * reprotect-applied  channels: [name]  (this successful reprotect run built their new replicas)
 * reprotected        channel   (the replica this run rebuilt was read HEALTHY)
 * switchover-measured writeUnavailable, rpo  (this successful switchover's window and loss)
 * </pre>
 *
 * e.g. {@code {"type":"step-started","runId":"r-20250301-1000","at":"2025-03-01T10:00:05Z",
 * "step":"promote-db","attempt":1}}.
 *
 * <p>Damage: a crash can cut the last line short. {@link #readAll} logs it, keeps it in
 * {@link #warnings}, and ignores it; the next append first ends that line, so the damaged bytes
 * stay as evidence and never merge with a new record. A damaged line in the middle is skipped
 * with its line number. Neither fails the read: a bad journal must not stop the daemon.
 *
 * <p>Threads: all file work runs on one dedicated worker thread, never on an event loop. One
 * thread also keeps records in call order whichever context appends.
 */
public final class FileJournal implements Journal {
  public static final String FILE_NAME = "journal.jsonl";
  private static final System.Logger LOG = System.getLogger(FileJournal.class.getName());

  /** How a written record is made durable; a seam so tests can see and fail the fsync. */
  interface Sync {
    void force(FileChannel channel) throws IOException;
  }

  private final Path file;
  private final WorkerExecutor worker;
  private final Sync sync;
  private final AppendFile io;
  private volatile List<String> warnings = List.of();

  // VisibleForTesting
  FileJournal(Vertx vertx, Path file, Sync sync) {
    this.file = file;
    this.worker = vertx.createSharedWorkerExecutor("drwatch-journal", 1);
    this.sync = sync;
    this.io = new AppendFile(file);
  }

  /** A journal in {@code stateDir}; the directory and file are created on the first append. */
  public static FileJournal create(Vertx vertx, Path stateDir) {
    return create(vertx, stateDir, FILE_NAME);
  }

  /** A journal in its own file, e.g. {@code drill-journal.jsonl}: drills never share the production one. */
  public static FileJournal create(Vertx vertx, Path stateDir, String fileName) {
    // force(true): metadata too, since the file's new length is what makes an append readable.
    return new FileJournal(vertx, stateDir.resolve(fileName), channel -> channel.force(true));
  }

  public Path file() {
    return file;
  }

  @Override
  public Future<Void> append(JournalRecord record, long epoch) {
    byte[] line = (JournalCodec.encode(record, epoch) + "\n").getBytes(UTF_8);
    // ordered=false on a one-thread pool: a plain FIFO across all contexts.
    return worker.executeBlocking(() -> write(line), false);
  }

  @Override
  public Future<List<JournalRecord>> readAll() {
    return worker.executeBlocking(this::read, false);
  }

  /** What the last {@link #readAll} found damaged, one line each; empty if nothing. */
  public List<String> warnings() {
    return warnings;
  }

  /** Closes the file and releases the worker thread. */
  public Future<Void> close() {
    return worker.executeBlocking(() -> {
      io.close();
      return (Void) null;
    }, false).eventually(worker::close);
  }

  private Void write(byte[] line) throws IOException {
    FileChannel channel = io.channel();
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      sync.force(channel);
      return null;
    } catch (IOException e) {
      // The line may be half written: reopen next time, which ends it before the next record.
      io.close();
      throw e;
    }
  }

  private List<JournalRecord> read() throws IOException {
    JournalLines.Parsed parsed = JournalLines.parse(file.getFileName().toString(),
        Files.exists(file) ? Files.readAllBytes(file) : new byte[0]);
    parsed.warnings().forEach(w -> LOG.log(Level.WARNING, w));
    warnings = parsed.warnings();
    return parsed.records();
  }
}
