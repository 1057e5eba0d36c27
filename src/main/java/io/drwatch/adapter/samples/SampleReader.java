package io.drwatch.adapter.samples;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.domain.report.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * A read-only view of the store, safe beside the writing daemon: WAL gives it one consistent
 * snapshot per read transaction, and it takes no drwatch lock. Blocking JDBC: never on an event
 * loop.
 */
public final class SampleReader implements AutoCloseable {
  private final Connection c;
  private final Names names;

  private SampleReader(Connection c) {
    this.c = c;
    this.names = new Names(c);
  }

  /** @throws CodedFailure NOT_FOUND when the state dir has no store yet */
  public static SampleReader open(Path stateDir) throws SQLException {
    Path file = SampleStore.file(stateDir);
    if (!Files.isRegularFile(file)) {
      throw CodedFailure.of(FailureCode.NOT_FOUND, "no samples store at " + file
          + ": the daemon writes it once it runs with this state.dir");
    }
    Properties p = new Properties();
    p.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
    p.setProperty("busy_timeout", "5000");
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file, p);
    c.setReadOnly(true);
    c.setAutoCommit(false); // one read transaction per report: one snapshot
    return new SampleReader(c);
  }

  /**
   * Spans with {@code from <= start < to}: from {@code tier} up to its rollup watermark, then from
   * each finer tier for the time not rolled up yet, so the window's last minutes are not missing.
   */
  public List<Span> spans(Tier tier, long from, long to) throws SQLException {
    return acrossTiers(tier, from, to, (t, start, end) -> SpanRows.read(c, names, t, start, end));
  }

  public List<RtoSpan> rto(Tier tier, long from, long to) throws SQLException {
    return acrossTiers(tier, from, to, (t, start, end) -> SpanRows.readRto(c, t, start, end));
  }

  /** Probe error changes with {@code from <= at < to}, oldest first. */
  public List<ProbeErrorChange> probeErrors(long from, long to) throws SQLException {
    return ErrorRows.read(c, names, from, to);
  }

  /** Reads {@code [start, end)} of one tier. */
  private interface TierRead<T> {
    List<T> read(Tier tier, long start, long end) throws SQLException;
  }

  private <T> List<T> acrossTiers(Tier tier, long from, long to, TierRead<T> read) throws SQLException {
    List<T> out = new ArrayList<>();
    long start = from;
    for (int i = tier.ordinal(); i >= 0 && start < to; i--) {
      Tier t = Tier.values()[i];
      long end = i == 0 ? to : Math.min(to, watermark(t));
      if (end > start) {
        out.addAll(read.read(t, start, end));
        start = end;
      }
    }
    return out;
  }

  /** Ends the read transaction, so the next read sees newer commits. */
  public void refresh() throws SQLException {
    c.rollback();
  }

  /** SQLite's own check of every page and index: "ok" or the problems found. */
  public String integrityCheck() throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("PRAGMA integrity_check");
        ResultSet rs = ps.executeQuery()) {
      StringBuilder out = new StringBuilder();
      while (rs.next()) {
        out.append(out.length() == 0 ? "" : "; ").append(rs.getString(1));
      }
      return out.toString();
    }
  }

  private long watermark(Tier t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, "rolled_" + t.label());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : Long.MIN_VALUE;
      }
    }
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
