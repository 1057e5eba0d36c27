package io.drwatch.adapter.postgres;

import io.vertx.core.Future;
import java.time.Duration;

/**
 * The fence flag of a PostgreSQL server: {@code default_transaction_read_only} set by ALTER
 * SYSTEM, so that new and idle application sessions start read-only transactions. Read on a
 * session as an application gets it; drwatch's own sessions override it (see {@link PgConnect}).
 */
final class PgFence {
  static final Duration CALL_TIMEOUT = PgCalls.CALL_TIMEOUT;

  private PgFence() {}

  static Future<Boolean> isFenced(PgCalls calls, PgPromoteTarget t) {
    return calls.asApplication(t, CALL_TIMEOUT, conn -> conn.query("SHOW default_transaction_read_only").execute())
        .map(rows -> "on".equals(rows.iterator().next().getString(0)));
  }

  /** Sets the flag; the reload makes sessions pick it up before their next command. */
  static Future<Void> set(PgCalls calls, PgPromoteTarget t) {
    return calls.on(t, CALL_TIMEOUT, conn -> conn.query("ALTER SYSTEM SET default_transaction_read_only = on")
        .execute().compose(v -> conn.query("SELECT pg_reload_conf()").execute())).mapEmpty();
  }

  /** Lifts the flag when it is set; no ALTER SYSTEM (which needs privileges) otherwise. */
  static Future<Void> lift(PgCalls calls, PgPromoteTarget t) {
    return isFenced(calls, t).compose(fenced -> !fenced ? Future.<Void>succeededFuture()
        : calls.on(t, CALL_TIMEOUT, conn -> conn.query("ALTER SYSTEM RESET default_transaction_read_only")
            .execute().compose(v -> conn.query("SELECT pg_reload_conf()").execute())).mapEmpty());
  }

  /**
   * Ends the client sessions whose transaction began before the fence was seen: they are read-write and
   * could commit after the switchover's proof of RPO 0. drwatch's heartbeat sessions are not
   * spared (they are idle between writes; one that is ended reconnects at the next heartbeat).
   *
   * @return how many sessions were ended
   */
  static Future<Integer> endOpenTransactions(PgCalls calls, PgPromoteTarget t) {
    // now() is this statement's start on the server's clock: called once the fence is seen, every
    // transaction begun before it may predate the reload.
    return calls.on(t, CALL_TIMEOUT, conn -> conn.query("SELECT count(pg_terminate_backend(pid)) FROM"
        + " pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
        + " AND xact_start IS NOT NULL AND xact_start < now()").execute())
        .map(rows -> rows.iterator().next().getLong(0).intValue());
  }
}
