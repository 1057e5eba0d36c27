package io.drwatch.adapter.postgres;

/**
 * The SQL of the PostgreSQL canary. The table name is validated by the config loader as a plain
 * identifier, so it is safe to splice in; everything else is a bind parameter.
 */
record PgStatements(String table) {

  String createTable() {
    return "CREATE TABLE IF NOT EXISTS " + table + " ("
        + "channel text PRIMARY KEY, seq bigint NOT NULL, writer_ts timestamptz NOT NULL)";
  }

  /** The primary assigns both seq and time, so restarts of drwatch never reuse a sequence. */
  String upsert() {
    return "INSERT INTO " + table + " AS h (channel, seq, writer_ts) VALUES ($1, 1, clock_timestamp()) "
        + "ON CONFLICT (channel) DO UPDATE SET seq = h.seq + 1, writer_ts = clock_timestamp() "
        + "RETURNING seq, writer_ts";
  }

  /** With the replay timestamp in the same snapshot, so one round trip times both. */
  String select() {
    return "SELECT seq, writer_ts, pg_last_xact_replay_timestamp() AS replayed_at FROM " + table
        + " WHERE channel = $1";
  }

  /** status is readable without superuser; streaming is the only healthy value. */
  String linkState() {
    return "SELECT pg_is_in_recovery() AS in_recovery, "
        + "(SELECT status FROM pg_stat_wal_receiver LIMIT 1) AS wal_status";
  }
}
