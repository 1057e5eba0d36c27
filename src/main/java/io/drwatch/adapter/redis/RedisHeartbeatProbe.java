package io.drwatch.adapter.redis;

import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.Instant;

/**
 * Redis canary: a hash holding seq and the primary's {@code TIME}, written by one Lua script so
 * the increment and the timestamp are atomic and replicate as one effect. The replica's
 * {@code INFO replication} supplies the link state.
 */
public final class RedisHeartbeatProbe implements ChannelProbe {
  // TIME's parts stay strings: Lua numbers are doubles and would print microseconds as 1.7e+15.
  private static final String WRITE_SCRIPT = """
      local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
      local t = redis.call('TIME')
      redis.call('HSET', KEYS[1], 'ts_s', t[1], 'ts_us', t[2])
      return {seq, t[1], t[2]}
      """;

  private final Redis primary;
  private final Redis replica;
  private final String key;
  private final RedisConnect primaryConnect;
  private final RedisConnect replicaConnect;

  RedisHeartbeatProbe(Redis primary, Redis replica, String key, RedisConnect primaryConnect,
      RedisConnect replicaConnect) {
    this.primaryConnect = primaryConnect;
    this.replicaConnect = replicaConnect;
    this.primary = primary;
    this.replica = replica;
    this.key = key;
  }

  public static RedisHeartbeatProbe create(Vertx vertx, ChannelConfig channel) {
    Duration timeout = channel.heartbeat().timeout();
    Endpoint p = channel.primary().orElseThrow();
    Endpoint r = channel.replica().orElseThrow();
    NetClientOptions primaryTransport = transport(timeout);
    NetClientOptions replicaTransport = transport(timeout);
    RedisConnect primaryConnect = RedisConnect.of(p.url(), p.caFile(), primaryTransport);
    RedisConnect replicaConnect = RedisConnect.of(r.url(), r.caFile(), replicaTransport);
    return new RedisHeartbeatProbe(client(vertx, p, primaryConnect, primaryTransport),
        client(vertx, r, replicaConnect, replicaTransport), channel.heartbeat().key(), primaryConnect, replicaConnect);
  }

  private static NetClientOptions transport(Duration timeout) {
    return new NetClientOptions().setConnectTimeout((int) Math.max(1, timeout.toMillis())).setTcpKeepAlive(true);
  }

  private static Redis client(Vertx vertx, Endpoint endpoint, RedisConnect connect, NetClientOptions transport) {
    RedisOptions options = new RedisOptions()
        .setConnectionString(endpoint.url())
        .setMaxPoolSize(2)
        .setMaxPoolWaiting(4)
        .setMaxWaitingHandlers(16)
        .setNetClientOptions(transport);
    return connect.client(vertx, options, RedisConnect.password(vertx, endpoint));
  }

  @Override
  public Future<Heartbeat> writeHeartbeat() {
    return primaryConnect.worded(primary.send(Request.cmd(Command.EVAL).arg(WRITE_SCRIPT).arg(1).arg(key))
        .map(r -> new Heartbeat(r.get(0).toLong(), instant(r.get(1), r.get(2)))));
  }

  @Override
  public Future<ReplicaView> readReplica() {
    return replicaConnect.worded(replica.send(Request.cmd(Command.INFO).arg("replication"))
        .compose(info -> readVisible().map(hb -> ReplicationInfo.parse(info.toString()).view(hb))));
  }

  private Future<Heartbeat> readVisible() {
    return replica.send(Request.cmd(Command.HMGET).arg(key).arg("seq").arg("ts_s").arg("ts_us"))
        .map(RedisHeartbeatProbe::toHeartbeat);
  }

  private static Heartbeat toHeartbeat(Response r) {
    if (r == null || r.get(0) == null || r.get(1) == null || r.get(2) == null) {
      return null;
    }
    return new Heartbeat(r.get(0).toLong(), instant(r.get(1), r.get(2)));
  }

  private static Instant instant(Response seconds, Response micros) {
    return Instant.ofEpochSecond(seconds.toLong(), micros.toLong() * 1_000L);
  }

  @Override
  public Future<Void> close() {
    return Future.join(primary.close(), replica.close()).mapEmpty();
  }
}
