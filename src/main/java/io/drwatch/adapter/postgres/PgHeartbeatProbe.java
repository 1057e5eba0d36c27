package io.drwatch.adapter.postgres;

import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.PrimaryClock;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * PostgreSQL canary: one row per channel in a heartbeat table, upserted on the primary with the
 * primary's {@code clock_timestamp()} and a sequence the primary increments itself, read back on
 * the standby. The standby's own WAL receiver state tells BROKEN apart from slow.
 *
 * <p>The standby is read on its own schedule, at a phase after each write that moves round by
 * round (golden-ratio steps over 20-80% of the interval), and the next round takes that read. A
 * read always right before the write would meet the same phase of drwatch's own heartbeats every
 * time and put the RPO upper bound one whole interval high; see docs/rpo-model.md. Each read also
 * returns {@code pg_last_xact_replay_timestamp()} and its window in the primary's clock, mapped
 * through the last write ({@link PrimaryClock}).
 */
public final class PgHeartbeatProbe implements ChannelProbe {
  private static final String UNDEFINED_TABLE = "42P01";
  private static final double GOLDEN = 0.6180339887498949;
  // The last few writes map the observer's time to the primary's; a few seconds' worth keeps clock
  // drift out of it.
  private static final int CLOCK_WRITES = 8;
  private static final java.util.function.LongSupplier NANOS = io.drwatch.adapter.support.Deadline.MONOTONIC::nanos;

  private final Pool primary;
  private final Pool replica;
  private final String channel;
  private final PgStatements sql;
  private final PgConnect primaryConnect;
  private final PgConnect replicaConnect;
  private final Vertx vertx;
  private final Duration interval;
  private final ArrayDeque<PrimaryClock> writes = new ArrayDeque<>();
  private long readTimer = -1;
  private Future<ReplicaView> offPhase;
  private long reads;

  PgHeartbeatProbe(Pool primary, Pool replica, String channel, PgStatements sql, PgConnect primaryConnect,
      PgConnect replicaConnect, Vertx vertx, Duration interval) {
    this.vertx = vertx;
    this.interval = interval;
    this.primary = primary;
    this.replica = replica;
    this.primaryConnect = primaryConnect;
    this.replicaConnect = replicaConnect;
    this.channel = channel;
    this.sql = sql;
  }

  public static PgHeartbeatProbe create(Vertx vertx, ChannelConfig channel) {
    Duration timeout = channel.heartbeat().timeout();
    Endpoint p = channel.primary().orElseThrow();
    Endpoint r = channel.replica().orElseThrow();
    PgConnect primaryConnect = PgConnect.of(p.url(), p.caFile());
    PgConnect replicaConnect = PgConnect.of(r.url(), r.caFile());
    return new PgHeartbeatProbe(
        pool(vertx, p, primaryConnect, timeout),
        pool(vertx, r, replicaConnect, timeout),
        channel.name(),
        new PgStatements(channel.heartbeat().table()), primaryConnect, replicaConnect, vertx,
        channel.heartbeat().interval());
  }

  // Two connections are enough for sequential rounds; the second covers a call that timed out
  // on our side but still holds its connection.
  private static Pool pool(Vertx vertx, Endpoint endpoint, PgConnect connect, Duration timeout) {
    connect.options().setReconnectAttempts(0).setCachePreparedStatements(true);
    Supplier<Future<PgConnectOptions>> perConnection = connect.perConnection(vertx, endpoint);
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
    long sent = NANOS.getAsLong();
    return primaryConnect.worded(upsert().recover(err -> isUndefinedTable(err)
        ? primary.query(sql.createTable()).execute().compose(created -> upsert())
        : Future.failedFuture(err)))
        .onSuccess(hb -> {
          writes.addLast(new PrimaryClock(hb.writerTs(), sent, NANOS.getAsLong()));
          if (writes.size() > CLOCK_WRITES) {
            writes.removeFirst();
          }
          scheduleRead();
        });
  }

  private void scheduleRead() {
    cancelRead();
    // 20-80 %: late enough for the last heartbeat to have replicated on a busy host, early enough
    // that a late timer still fires before the next round.
    double phase = 0.2 + 0.6 * ((++reads * GOLDEN) % 1.0);
    long delay = Math.max(1, (long) (interval.toMillis() * phase));
    readTimer = vertx.setTimer(delay, id -> {
      readTimer = -1;
      offPhase = readNow();
    });
  }

  private void cancelRead() {
    if (readTimer >= 0) {
      vertx.cancelTimer(readTimer);
      readTimer = -1;
    }
  }

  private Future<Heartbeat> upsert() {
    return primary.preparedQuery(sql.upsert()).execute(Tuple.of(channel))
        .map(rows -> toHeartbeat(rows.iterator().next()));
  }

  /**
   * The read made since the last write, or, when its time has not come (a round early, the first
   * round, a failed write), a read now.
   */
  @Override
  public Future<ReplicaView> readReplica() {
    cancelRead();
    Future<ReplicaView> taken = offPhase;
    offPhase = null;
    return taken != null ? taken : readNow();
  }

  private Future<ReplicaView> readNow() {
    long start = NANOS.getAsLong();
    Optional<PrimaryClock> clock = writes.stream().reduce((older, newer) -> newer.narrowedBy(older));
    return replicaConnect.worded(readVisible().compose(visible -> {
      long end = NANOS.getAsLong();
      return replica.query(sql.linkState()).execute().map(link -> {
        ReplicaView view = toView(visible.map(PgHeartbeatProbe::toHeartbeat).orElse(null), link.iterator().next());
        Optional<Instant> replayed = visible.map(row -> row.getOffsetDateTime("replayed_at"))
            .map(OffsetDateTime::toInstant);
        return clock.map(c -> view.withTiming(c.read(start, end, replayed))).orElse(view);
      });
    }));
  }

  private Future<Optional<Row>> readVisible() {
    return replica.preparedQuery(sql.select()).execute(Tuple.of(channel))
        .map(rows -> rows.size() == 0 ? Optional.<Row>empty() : Optional.of(rows.iterator().next()))
        // The table reaches the standby with the first heartbeat; until then nothing is visible.
        .recover(err -> isUndefinedTable(err) ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(err));
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

  // Closing a pool walks its connections synchronously; off the event loop, as the probe is built
  // (DirectedLoops), so a shutdown of many channels does not block it. The sockets still close
  // on their own event loops.
  @Override
  public Future<Void> close() {
    cancelRead();
    return vertx.executeBlocking(() -> Future.join(primary.close(), replica.close()), false)
        .compose(closing -> closing).mapEmpty();
  }
}
