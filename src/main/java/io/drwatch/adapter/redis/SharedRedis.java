package io.drwatch.adapter.redis;

import io.drwatch.config.Endpoint;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One connection per Redis endpoint, shared by every heartbeat channel on it, with their commands
 * pipelined: a client (and its pool of two sockets) per channel meant 20,000 sockets for 10,000
 * channels on one pair. A socket error drops the connection, and so does silence: commands
 * waiting while nothing was answered for a whole timeout (a frozen or black-holed server). Then
 * its client is closed, so the socket really closes, and the next command connects afresh. One
 * watchdog timer per endpoint checks this, not a timer per command: the callers bound their calls
 * already. {@code INFO replication}, the same for every channel of a replica, is read once per
 * {@link #INFO_REUSE} at most.
 */
final class SharedRedis {
  /** How old a replica's {@code INFO replication} may be when a round uses it. */
  static final Duration INFO_REUSE = Duration.ofMillis(20);
  // Every channel may have a command waiting while the server stalls (the default is 2048).
  private static final int MAX_WAITING = 1 << 17;
  private static final Map<Key, SharedRedis> OPEN = new ConcurrentHashMap<>();
  private static final System.Logger LOG = System.getLogger(SharedRedis.class.getName());
  private static final java.util.function.LongSupplier NANOS = io.drwatch.adapter.support.Deadline.MONOTONIC::nanos;

  private record Key(Vertx vertx, Endpoint endpoint, long timeoutMillis) {}

  private final Key key;
  private final RedisConnect connect;
  private final NetClientOptions transport;
  private int users;
  private Redis client;
  private Future<RedisConnection> connection;
  private Future<ReplicationInfo> info;
  private long infoSentAt;
  private int pending;
  private long lastAnswer;
  private long watchdog = -1;

  private SharedRedis(Key key) {
    this.key = key;
    this.transport = new NetClientOptions().setConnectTimeout((int) Math.max(1, key.timeoutMillis()))
        .setTcpKeepAlive(true);
    this.connect = RedisConnect.of(key.endpoint().url(), key.endpoint().caFile(), transport);
    // Built here, on the thread creating the probes: the first client loads the Redis and
    // transport classes, which took 250 ms on a busy host and must not happen on the event loop.
    this.client = newClient();
  }

  private Redis newClient() {
    return connect.client(key.vertx(), new RedisOptions().setConnectionString(key.endpoint().url())
        .setMaxPoolSize(1).setMaxPoolWaiting(MAX_WAITING).setMaxWaitingHandlers(MAX_WAITING)
        .setNetClientOptions(transport), RedisConnect.password(key.vertx(), key.endpoint()));
  }

  /** The shared connection to {@code endpoint}; {@link #release} it once per acquire. */
  static SharedRedis acquire(Vertx vertx, Endpoint endpoint, Duration timeout) {
    SharedRedis shared = OPEN.computeIfAbsent(new Key(vertx, endpoint, timeout.toMillis()), SharedRedis::new);
    synchronized (shared) {
      shared.users++;
    }
    return shared;
  }

  RedisConnect connect() {
    return connect;
  }

  /** Sends {@code request} on the shared connection; the caller bounds the wait. */
  Future<Response> send(Request request) {
    Future<RedisConnection> c;
    synchronized (this) {
      c = connection();
      if (pending++ == 0) {
        lastAnswer = NANOS.getAsLong(); // silence counts from the first command that waits
      }
    }
    return c.compose(conn -> conn.send(request)).andThen(r -> answered(r.succeeded()));
  }

  private synchronized void answered(boolean ok) {
    pending--;
    if (ok) {
      lastAnswer = NANOS.getAsLong();
    }
  }

  private synchronized void watch() {
    if (connection != null && pending > 0 && NANOS.getAsLong() - lastAnswer > key.timeoutMillis() * 1_000_000L) {
      LOG.log(System.Logger.Level.WARNING, "{0}: {1} commands waiting and no answer for {2} ms: reconnecting",
          where(), pending, key.timeoutMillis());
      drop(connection);
    }
  }

  /** The replica's {@code INFO replication}, sent at most {@link #INFO_REUSE} ago. */
  synchronized Future<ReplicationInfo> replication() {
    long now = NANOS.getAsLong();
    if (info == null || now - infoSentAt > INFO_REUSE.toNanos() || info.failed()) {
      infoSentAt = now;
      info = send(Request.cmd(Command.INFO).arg("replication")).map(r -> ReplicationInfo.parse(r.toString()));
    }
    return info;
  }

  private synchronized Future<RedisConnection> connection() {
    if (connection == null) {
      if (client == null) {
        client = newClient();
      }
      Redis fresh = client;
      if (watchdog < 0) {
        long every = Math.max(10, key.timeoutMillis() / 2);
        watchdog = key.vertx().setPeriodic(every, every, id -> watch());
      }
      Future<RedisConnection> c = fresh.connect();
      connection = c;
      c.onSuccess(conn -> conn.exceptionHandler(err -> drop(c)).endHandler(v -> drop(c)))
          .onFailure(err -> drop(c));
    }
    return connection;
  }

  /** host:port only: the url may hold a password. */
  private String where() {
    java.net.URI uri = java.net.URI.create(key.endpoint().url());
    return uri.getHost() + ":" + uri.getPort();
  }

  /** Forgets {@code c} if it is still the current connection, and closes its client. */
  private synchronized void drop(Future<RedisConnection> c) {
    if (connection == c) {
      connection = null;
      client.close();
      client = null;
    }
  }

  Future<Void> release() {
    synchronized (this) {
      if (--users > 0) {
        return Future.succeededFuture();
      }
      OPEN.remove(key, this);
      connection = null;
      if (watchdog >= 0) {
        key.vertx().cancelTimer(watchdog);
        watchdog = -1;
      }
      if (client == null) {
        return Future.succeededFuture();
      }
      Redis closing = client;
      client = null;
      return closing.close();
    }
  }
}
