package io.drwatch.adapter.samples;

import io.drwatch.domain.report.RpoHistogram;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.domain.report.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/** Spans to rows and back, for one tier's tables. */
final class SpanRows {
  private SpanRows() {}

  static void insert(Connection c, Names names, Tier t, List<Span> spans) throws SQLException {
    if (spans.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO " + SampleSchema.rpo(t)
        + " (ts, channel, condition, seconds, within, rpo_seconds, rpo_max, rpo_max_at, hist,"
        + " objective) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Span s : spans) {
        ps.setLong(1, s.start());
        ps.setLong(2, names.id(Names.CHANNEL, s.channel()));
        ps.setLong(3, names.id(Names.CONDITION, s.condition()));
        ps.setLong(4, s.seconds());
        ps.setLong(5, s.within());
        ps.setLong(6, s.rpoSeconds());
        ps.setLong(7, s.rpoMaxMs());
        if (s.rpoMaxAt() == s.start()) {
          ps.setNull(8, Types.INTEGER);
        } else {
          ps.setLong(8, s.rpoMaxAt());
        }
        if (s.rpoSeconds() <= 1) {
          ps.setNull(9, Types.BLOB);
        } else {
          ps.setBytes(9, s.rpo().encode());
        }
        ps.setLong(10, s.objectiveMs());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static void insertRto(Connection c, Tier t, List<RtoSpan> spans) throws SQLException {
    if (spans.isEmpty()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO " + SampleSchema.rto(t)
        + " (ts, seconds, infinite, max_ms, objective) VALUES (?, ?, ?, ?, ?)")) {
      for (RtoSpan s : spans) {
        ps.setLong(1, s.start());
        ps.setLong(2, s.seconds());
        ps.setLong(3, s.infiniteSeconds());
        ps.setLong(4, s.maxMs());
        ps.setLong(5, s.objectiveMs());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Spans with {@code from <= start < to}, oldest first. */
  static List<Span> read(Connection c, Names names, Tier t, long from, long to) throws SQLException {
    List<Span> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT ts, channel, condition, seconds, within,"
        + " rpo_seconds, rpo_max, rpo_max_at, hist, objective FROM " + SampleSchema.rpo(t)
        + " WHERE ts >= ? AND ts < ? ORDER BY ts")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long ts = rs.getLong(1);
          long rpoSeconds = rs.getLong(6);
          long max = rs.getLong(7);
          long at = rs.getLong(8);
          boolean atIsTs = rs.wasNull();
          byte[] hist = rs.getBytes(9);
          RpoHistogram h = hist != null ? RpoHistogram.decode(hist)
              : rpoSeconds == 1 ? RpoHistogram.of(max) : RpoHistogram.empty();
          out.add(new Span(names.name(rs.getLong(2)), ts, names.name(rs.getLong(3)), rs.getLong(4),
              rs.getLong(5), rpoSeconds, max, atIsTs ? ts : at, h, rs.getLong(10)));
        }
      }
    }
    return out;
  }

  static List<RtoSpan> readRto(Connection c, Tier t, long from, long to) throws SQLException {
    List<RtoSpan> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT ts, seconds, infinite, max_ms, objective"
        + " FROM " + SampleSchema.rto(t) + " WHERE ts >= ? AND ts < ? ORDER BY ts")) {
      ps.setLong(1, from);
      ps.setLong(2, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new RtoSpan(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        }
      }
    }
    return out;
  }
}
