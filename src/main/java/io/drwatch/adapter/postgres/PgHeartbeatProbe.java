package io.drwatch.adapter.postgres;

import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.adapter.support.TlsFailures;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.SqlConnectOptions;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * PostgreSQL canary: one row per channel in a heartbeat table, upserted on the primary with the
 * primary's {@code clock_timestamp()} and a sequence the primary increments itself, read back on
 * the standby. The standby's own WAL receiver state tells BROKEN apart from slow.
 */
public final class PgHeartbeatProbe implements ChannelProbe {
  private static final String UNDEFINED_TABLE = "42P01";

  private final Pool primary;
  private final Pool replica;
  private final String channel;
  private final PgStatements sql;

  PgHeartbeatProbe(Pool primary, Pool replica, String channel, PgStatements sql) {
    this.primary = primary;
    this.replica = replica;
    this.channel = channel;
    this.sql = sql;
  }

  public static PgHeartbeatProbe create(Vertx vertx, ChannelConfig channel) {
    Duration timeout = channel.heartbeat().timeout();
    return new PgHeartbeatProbe(
        pool(vertx, channel.primary().orElseThrow(), timeout),
        pool(vertx, channel.replica().orElseThrow(), timeout),
        channel.name(),
        new PgStatements(channel.heartbeat().table()));
  }

  // Two connections are enough for sequential rounds; the second covers a call that timed out
  // on our side but still holds its connection.
  private static Pool pool(Vertx vertx, Endpoint endpoint, Duration timeout) {
    PgConnectOptions connect = PgConnect.options(endpoint.url(), endpoint.caFile())
        .setReconnectAttempts(0)
        .setCachePreparedStatements(true);
    Supplier<Future<PgConnectOptions>> perConnection = PgConnect.perConnection(vertx, endpoint, connect);
    int ms = (int) Math.max(1, timeout.toMillis());
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(2).setMaxWaitQueueSize(4).setConnectionTimeout(ms)
            .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
            .setIdleTimeout(60))
        .with(new NetClientOptions().setConnectTimeout(ms))
        .connectingTo(() -> perConnection.get().map(o -> (SqlConnectOptions) o))
        .using(vertx)
        .build();
  }

  @Override
  public Future<Heartbeat> writeHeartbeat() {
    return TlsFailures.worded(upsert().recover(err -> isUndefinedTable(err)
        ? primary.query(sql.createTable()).execute().compose(created -> upsert())
        : Future.failedFuture(err)));
  }

  private Future<Heartbeat> upsert() {
    return primary.preparedQuery(sql.upsert()).execute(Tuple.of(channel))
        .map(rows -> toHeartbeat(rows.iterator().next()));
  }

  @Override
  public Future<ReplicaView> readReplica() {
    return TlsFailures.worded(replica.query(sql.linkState()).execute()
        .compose(link -> readVisible().map(hb -> toView(hb, link.iterator().next()))));
  }

  private Future<Heartbeat> readVisible() {
    return replica.preparedQuery(sql.select()).execute(Tuple.of(channel))
        .map(PgHeartbeatProbe::firstOrNull)
        // The table reaches the standby with the first heartbeat; until then nothing is visible.
        .recover(err -> isUndefinedTable(err) ? Future.succeededFuture() : Future.failedFuture(err));
  }

  private static Heartbeat firstOrNull(RowSet<Row> rows) {
    return rows.size() == 0 ? null : toHeartbeat(rows.iterator().next());
  }

  private static Heartbeat toHeartbeat(Row row) {
    return new Heartbeat(row.getLong("seq"), row.getOffsetDateTime("writer_ts").toInstant());
  }

  private static ReplicaView toView(Heartbeat visible, Row link) {
    if (!link.getBoolean("in_recovery")) {
      return ReplicaView.of(visible, LinkState.DOWN, "not in recovery (promoted, or not a standby)");
    }
    String status = link.getString("wal_status");
    if (status == null) {
      return ReplicaView.of(visible, LinkState.DOWN, "no WAL receiver (pg_stat_wal_receiver is empty)");
    }
    if (!"streaming".equals(status)) {
      return ReplicaView.of(visible, LinkState.DOWN, "WAL receiver status is " + status);
    }
    return ReplicaView.of(visible, LinkState.UP, "WAL receiver streaming");
  }

  private static boolean isUndefinedTable(Throwable err) {
    return err instanceof PgException pg && UNDEFINED_TABLE.equals(pg.getSqlState());
  }

  @Override
  public Future<Void> close() {
    return Future.join(primary.close(), replica.close()).mapEmpty();
  }
}
