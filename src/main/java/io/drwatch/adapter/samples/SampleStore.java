package io.drwatch.adapter.samples;

import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.Rollup;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The writing side of {@code <state.dir>/samples.db}: one connection, one thread, blocking JDBC
 * (callers keep it off event loops; see {@link SampleWriter}). Each {@link #write} is one
 * transaction: the second's samples, the rollups of every bucket that second completed, and
 * the pruning of what aged out. So a kill -9 loses at most the batch in flight, and a rollup
 * is never half applied: it moves its watermark in the same commit.
 */
public final class SampleStore implements AutoCloseable {
  private final Connection c;
  private final Names names;
  private final Map<Tier, Long> watermarks = new HashMap<>();

  private SampleStore(Connection c) throws SQLException {
    this.c = c;
    this.names = new Names(c);
    c.setAutoCommit(false);
    for (Tier t : Tier.values()) {
      meta("rolled_" + t.label()).ifPresent(v -> watermarks.put(t, v));
    }
  }

  /** Opens (creating if needed) the store in {@code stateDir}. */
  public static SampleStore open(Path stateDir) throws SQLException {
    try {
      Files.createDirectories(stateDir);
    } catch (java.io.IOException e) {
      throw new SQLException("cannot create the state dir " + stateDir + ": " + e.getMessage(), e);
    }
    Connection c = DriverManager.getConnection("jdbc:sqlite:" + file(stateDir));
    try {
      SampleSchema.openForWriting(c);
      return new SampleStore(c);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  public static Path file(Path stateDir) {
    return stateDir.resolve(SampleSchema.FILE_NAME);
  }

  /** One second (or a few, after a slow disk) of raw samples, with what they complete. */
  public void write(List<Span> samples, List<RtoSpan> rto) throws SQLException {
    write(samples, rto, List.of());
  }

  /** {@link #write(List, List)} with the probe error changes of the same seconds. */
  public void write(List<Span> samples, List<RtoSpan> rto, List<ProbeErrorChange> errors)
      throws SQLException {
    OptionalLong newest = newest(samples, rto);
    transaction(() -> {
      SpanRows.insert(c, names, Tier.SECOND, samples);
      SpanRows.insertRto(c, Tier.SECOND, rto);
      ErrorRows.insert(c, names, errors);
      if (newest.isPresent()) {
        rollUp(newest.getAsLong());
      }
    });
  }

  /**
   * Inserts already rolled-up spans into {@code tier} and prunes as of {@code newest}: for tests
   * that simulate months in seconds, and for imports.
   */
  public void insert(Tier tier, List<Span> spans, List<RtoSpan> rto, long newest) throws SQLException {
    transaction(() -> {
      SpanRows.insert(c, names, tier, spans);
      SpanRows.insertRto(c, tier, rto);
      prune(newest);
    });
  }

  // Coarser tiers in order: the hour rollup reads the minutes this same call just wrote.
  private void rollUp(long newest) throws SQLException {
    boolean rolled = false;
    for (Tier t = Tier.MINUTE; t != null; t = t.coarser().orElse(null)) {
      Tier finer = Tier.values()[t.ordinal() - 1];
      long upTo = t.bucket(newest);
      Long from = watermarks.get(t);
      if (from == null) {
        from = t.bucket(oldest(finer).orElse(upTo));
      }
      if (upTo > from) {
        SpanRows.insert(c, names, t, Rollup.spans(SpanRows.read(c, names, finer, from, upTo), t));
        SpanRows.insertRto(c, t, Rollup.rto(SpanRows.readRto(c, finer, from, upTo), t));
        rolled = true;
      }
      long next = Math.max(from, upTo);
      if (!Long.valueOf(next).equals(watermarks.get(t))) {
        setWatermark(t, next);
      }
    }
    if (rolled) {
      prune(newest);
    }
  }

  private void prune(long newest) throws SQLException {
    for (Tier t : Tier.values()) {
      long before = newest - t.retention().toSeconds();
      for (String table : List.of(SampleSchema.rpo(t), SampleSchema.rto(t))) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE ts < ?")) {
          ps.setLong(1, before);
          ps.executeUpdate();
        }
      }
    }
    ErrorRows.prune(c, newest);
  }

  private OptionalLong oldest(Tier t) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MIN(ts) FROM " + SampleSchema.rpo(t));
        ResultSet rs = ps.executeQuery()) {
      long v = rs.next() ? rs.getLong(1) : 0;
      return rs.wasNull() ? OptionalLong.empty() : OptionalLong.of(v);
    }
  }

  private OptionalLong meta(String key) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  private void setWatermark(Tier t, long value) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")) {
      ps.setString(1, "rolled_" + t.label());
      ps.setLong(2, value);
      ps.executeUpdate();
    }
    watermarks.put(t, value);
  }

  private interface Work {
    void run() throws SQLException;
  }

  private void transaction(Work work) throws SQLException {
    Map<Tier, Long> before = new HashMap<>(watermarks);
    try {
      work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } finally {
        names.forget();
        watermarks.clear();
        watermarks.putAll(before);
      }
      throw e;
    }
  }

  private static OptionalLong newest(List<Span> samples, List<RtoSpan> rto) {
    return java.util.stream.LongStream.concat(samples.stream().mapToLong(Span::start),
        rto.stream().mapToLong(RtoSpan::start)).max();
  }

  @Override
  public void close() throws SQLException {
    c.close();
  }
}
