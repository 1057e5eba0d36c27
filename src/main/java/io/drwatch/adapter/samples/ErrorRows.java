package io.drwatch.adapter.samples;

import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Probe error changes to rows of {@code probe_errors} and back. Kept as long as the coarsest
 * tier, so any report window has them, and at most {@link #MAX_ROWS} rows: a channel flapping
 * every second must not grow the store without bound.
 */
final class ErrorRows {
  static final long MAX_ROWS = 100_000;
  private static final String TABLE = SampleSchema.PROBE_ERRORS;

  private ErrorRows() {}

  static void insert(Connection c, Names names, List<ProbeErrorChange> changes) throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO " + TABLE + " (ts, channel, code, message) VALUES (?, ?, ?, ?)")) {
      for (ProbeErrorChange e : changes) {
        ps.setLong(1, e.at());
        ps.setLong(2, names.id(Names.CHANNEL, e.channel()));
        ps.setString(3, e.code().orElse(null));
        ps.setString(4, e.message());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void prune(Connection c, long newest) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + TABLE + " WHERE ts < ?"
        + " OR id <= (SELECT MAX(id) FROM " + TABLE + ") - ?")) {
      ps.setLong(1, newest - Tier.HOUR.retention().toSeconds());
      ps.setLong(2, MAX_ROWS);
      ps.executeUpdate();
    }
  }

  /** Changes with {@code from <= at < to}, oldest first; none from a store older than the table. */
  static List<ProbeErrorChange> read(Connection c, Names names, long from, long to) throws SQLException {
    List<ProbeErrorChange> out = new ArrayList<>();
    if (!exists(c)) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT ts, channel, code, message FROM " + TABLE
        + " WHERE ts >= ? AND ts < ? ORDER BY ts, id")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ProbeErrorChange(names.name(rs.getLong(2)), rs.getLong(1),
              Optional.ofNullable(rs.getString(3)), rs.getString(4)));
        }
      }
    }
    return out;
  }

  // The report opens the store read-only: one written by an older daemon has no table to create.
  private static boolean exists(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, TABLE);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
