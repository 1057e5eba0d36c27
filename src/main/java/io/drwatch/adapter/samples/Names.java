package io.drwatch.adapter.samples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** Channel and condition names to their small integer ids and back, cached per connection. */
final class Names {
  static final String CHANNEL = "channel";
  static final String CONDITION = "condition";

  private final Connection c;
  private final Map<String, Map<String, Long>> ids = new HashMap<>();
  private final Map<Long, String> names = new HashMap<>();

  Names(Connection c) {
    this.c = c;
  }

  /** The id of {@code name}, created if new (writer only). */
  long id(String kind, String name) throws SQLException {
    Long known = ids.getOrDefault(kind, Map.of()).get(name);
    if (known != null) {
      return known;
    }
    try (PreparedStatement ins = c.prepareStatement(
        "INSERT OR IGNORE INTO names (kind, name) VALUES (?, ?)")) {
      ins.setString(1, kind);
      ins.setString(2, name);
      ins.executeUpdate();
    }
    // One row, not the whole table: reloading all names per new one was quadratic at 10,000 channels.
    try (PreparedStatement q = c.prepareStatement("SELECT id FROM names WHERE kind = ? AND name = ?")) {
      q.setString(1, kind);
      q.setString(2, name);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("samples store: name " + name + " not stored");
        }
        long id = rs.getLong(1);
        ids.computeIfAbsent(kind, k -> new HashMap<>()).put(name, id);
        names.put(id, name);
        return id;
      }
    }
  }

  String name(long id) throws SQLException {
    String n = names.get(id);
    if (n == null) {
      load();
      n = names.get(id);
    }
    if (n == null) {
      throw new SQLException("samples store: no name with id " + id);
    }
    return n;
  }

  /**
   * Rolled back with a failed transaction, a new id would be cached yet absent: forget them all.
   */
  void forget() {
    ids.clear();
    names.clear();
  }

  private void load() throws SQLException {
    try (PreparedStatement q = c.prepareStatement("SELECT id, kind, name FROM names");
        ResultSet rs = q.executeQuery()) {
      while (rs.next()) {
        ids.computeIfAbsent(rs.getString(2), k -> new HashMap<>()).put(rs.getString(3), rs.getLong(1));
        names.put(rs.getLong(1), rs.getString(3));
      }
    }
  }
}
