package io.drwatch.adapter.samples;

import io.drwatch.domain.report.Tier;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables. One {@code rpo_<tier>} and one {@code rto_<tier>} table per tier, keyed by
 * time first so every insert appends at the end of its B-tree (full pages, no splits in the
 * middle) and pruning deletes from the front. Channel and condition names are ids from
 * {@code names}, so a condition added later (UNPROTECTED) is one more row there, not a migration.
 * {@code probe_errors} holds each change of a channel's probe failure code (NULL: cleared); it is
 * created by {@code IF NOT EXISTS} in a store written before it existed, so the version stays 1.
 */
final class SampleSchema {
  static final String FILE_NAME = "samples.db";
  static final int VERSION = 1;

  private SampleSchema() {}

  static String rpo(Tier t) {
    return "rpo_" + t.label();
  }

  static final String PROBE_ERRORS = "probe_errors";

  static String rto(Tier t) {
    return "rto_" + t.label();
  }

  static List<String> ddl() {
    List<String> out = new ArrayList<>();
    for (Tier t : Tier.values()) {
      // rpo_max_at NULL means "= ts" and hist NULL means "the one value rpo_max": a raw 1 s row
      // stays about 20 bytes.
      out.add("CREATE TABLE IF NOT EXISTS " + rpo(t) + " (ts INTEGER NOT NULL,"
          + " channel INTEGER NOT NULL, condition INTEGER NOT NULL, seconds INTEGER NOT NULL,"
          + " within INTEGER NOT NULL, rpo_seconds INTEGER NOT NULL, rpo_max INTEGER NOT NULL,"
          + " rpo_max_at INTEGER, hist BLOB, objective INTEGER NOT NULL,"
          + " PRIMARY KEY (ts, channel, condition)) WITHOUT ROWID");
      out.add("CREATE TABLE IF NOT EXISTS " + rto(t) + " (ts INTEGER PRIMARY KEY,"
          + " seconds INTEGER NOT NULL, infinite INTEGER NOT NULL, max_ms INTEGER NOT NULL,"
          + " objective INTEGER NOT NULL) WITHOUT ROWID");
    }
    out.add("CREATE TABLE IF NOT EXISTS " + PROBE_ERRORS + " (id INTEGER PRIMARY KEY,"
        + " ts INTEGER NOT NULL, channel INTEGER NOT NULL, code TEXT, message TEXT NOT NULL)");
    out.add("CREATE INDEX IF NOT EXISTS probe_errors_ts ON " + PROBE_ERRORS + " (ts)");
    out.add("CREATE TABLE IF NOT EXISTS names (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
        + " name TEXT NOT NULL, UNIQUE (kind, name))");
    // Rollup watermarks: rolled_<tier> = epoch second up to which the finer tier is rolled into it.
    out.add("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID");
    return out;
  }

  /**
   * WAL: readers (the report, beside the daemon) never block the writer nor see half a
   * transaction. synchronous=FULL: each commit's WAL frames are fsynced, so a commit survives a
   * power cut, not only a kill -9; one fsync per second is cheap.
   */
  static void openForWriting(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA busy_timeout = 5000");
      s.execute("PRAGMA journal_mode = WAL");
      s.execute("PRAGMA synchronous = FULL");
      s.execute("PRAGMA cache_size = -8192"); // 8 MiB: a rollup's reads and writes stay in memory
      // After a checkpoint the WAL is cut back to this; otherwise it keeps its largest size.
      s.execute("PRAGMA journal_size_limit = 4194304");
      int version;
      try (var rs = s.executeQuery("PRAGMA user_version")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version > VERSION) {
        throw new SQLException("samples store has schema version " + version + ", newer than this"
            + " drwatch's " + VERSION + "; refusing to write to it");
      }
      for (String ddl : ddl()) {
        s.execute(ddl);
      }
      s.execute("PRAGMA user_version = " + VERSION);
    }
  }
}
