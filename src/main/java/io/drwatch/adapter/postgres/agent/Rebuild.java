package io.drwatch.adapter.postgres.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The rebuild of the local server as a standby of {@code source}, blocking (a worker thread):
 *
 * <ol>
 *   <li>stop the server if it runs ({@code pg_ctl stop -m fast});
 *   <li>{@code CHECKPOINT} on the source (see {@link PgTools#checkpoint});
 *   <li>{@code pg_rewind --source-server -R}: only the blocks that diverged are copied; needs
 *       {@code wal_log_hints = on} or data checksums, and the WAL back to the divergence. A server
 *       that crashed is first recovered by pg_rewind itself (PostgreSQL 13+);
 *   <li>if that fails: the data directory is emptied and {@code pg_basebackup -X stream -R} copies
 *       it whole;
 *   <li>the node's own postgresql.conf, pg_hba.conf and pg_ident.conf are put back (both tools
 *       bring the source's, whose port or paths may not fit this host); {@code -R} wrote
 *       standby.signal and primary_conninfo;
 *   <li>start ({@code pg_ctl start -w}).
 * </ol>
 */
final class Rebuild {
  private static final List<String> LOCAL_FILES = List.of("postgresql.conf", "pg_hba.conf", "pg_ident.conf");

  private static final Duration STOPPED_WITHIN = Duration.ofSeconds(20);

  private final PgTools tools;
  private final Duration within;
  private final Clock clock;
  // Only the single job thread touches it.
  private Map<String, byte[]> remembered = Map.of();

  Rebuild(PgTools tools, Duration within, Clock clock) {
    this.tools = tools;
    this.within = within;
    this.clock = clock;
  }

  void run(RebuildJob job) {
    try {
      steps(job);
      job.end("", clock.instant());
    } catch (java.nio.file.FileSystemException e) {
      // Its message is often the bare path.
      job.end(e.getClass().getSimpleName() + " on " + e.getFile() + (e.getReason() == null ? "" : ": " + e.getReason()),
          clock.instant());
    } catch (IOException | RuntimeException e) {
      job.end(String.valueOf(e.getMessage()), clock.instant());
    }
  }

  private void steps(RebuildJob job) throws IOException {
    Map<String, byte[]> local = saveLocalFiles();
    if (tools.running()) {
      job.phase("stopping", "");
      stop(job);
    }
    job.phase("checkpoint on the source", "");
    PgTools.Result checkpoint = tools.checkpoint(job.source());
    job.note(checkpoint.exit() == 0 ? "CHECKPOINT done" : "CHECKPOINT failed: " + checkpoint.output());
    job.phase("rewinding", "rewind");
    PgTools.Result rewind = tools.rewind(job.source(), within);
    job.note(rewind.output());
    if (rewind.exit() != 0) {
      job.phase("basebackup", "basebackup");
      emptyDataDir();
      PgTools.Result copy = tools.basebackup(job.source(), within);
      job.note(copy.output());
      if (copy.exit() != 0) {
        throw new IOException("pg_rewind and pg_basebackup failed; pg_basebackup: " + PgTools.lastLine(copy.output()));
      }
    }
    restore(local);
    job.phase("starting", rewind.exit() == 0 ? "rewind" : "basebackup");
    tools.start();
  }

  /**
   * A postmaster killed -9 leaves its pid file, and stays a zombie until its parent reaps it: pg_ctl
   * status calls it running and pg_ctl stop gives up on it. Gone within a while counts as stopped.
   */
  private void stop(RebuildJob job) throws IOException {
    try {
      tools.stopFast();
    } catch (IOException e) {
      job.note(e.getMessage());
      io.drwatch.adapter.support.Deadline deadline = io.drwatch.adapter.support.Deadline.after(STOPPED_WITHIN);
      while (tools.running()) {
        if (deadline.passed()) {
          throw e;
        }
        pause();
      }
    }
  }

  private static void pause() throws java.io.InterruptedIOException {
    try {
      Thread.sleep(200);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the server to stop");
    }
  }

  /**
   * A failed pg_basebackup leaves the data directory empty; the retry then finds no local files,
   * and uses the ones this agent saw last (lost only if the agent restarts in between).
   */
  private Map<String, byte[]> saveLocalFiles() throws IOException {
    Map<String, byte[]> saved = new LinkedHashMap<>();
    for (String name : LOCAL_FILES) {
      Path f = tools.pgdata().resolve(name);
      if (Files.isRegularFile(f)) {
        saved.put(name, Files.readAllBytes(f));
      }
    }
    if (saved.isEmpty()) {
      return remembered;
    }
    remembered = saved;
    return saved;
  }

  // Writes into the files the tools created, so that their owner (the postgres user) stays.
  private void restore(Map<String, byte[]> saved) throws IOException {
    for (Map.Entry<String, byte[]> e : saved.entrySet()) {
      Files.write(tools.pgdata().resolve(e.getKey()), e.getValue());
    }
  }

  /** pg_basebackup wants an empty directory; the directory itself (owner, mode 0700) stays. */
  private void emptyDataDir() throws IOException {
    try (Stream<Path> children = Files.list(tools.pgdata())) {
      for (Path child : children.toList()) {
        deleteTree(child);
      }
    }
  }

  private static void deleteTree(Path p) throws IOException {
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : children.toList()) {
          deleteTree(c);
        }
      }
    }
    Files.delete(p);
  }
}
