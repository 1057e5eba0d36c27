package io.drwatch.adapter.redis;

import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
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

  private final SharedRedis primary;
  private final SharedRedis replica;
  private final String key;

  RedisHeartbeatProbe(SharedRedis primary, SharedRedis replica, String key) {
    this.primary = primary;
    this.replica = replica;
    this.key = key;
  }

  /** Channels on the same endpoints (url, credentials, timeout) share one connection to each. */
  public static RedisHeartbeatProbe create(Vertx vertx, ChannelConfig channel) {
    Duration timeout = channel.heartbeat().timeout();
    return new RedisHeartbeatProbe(SharedRedis.acquire(vertx, channel.primary().orElseThrow(), timeout),
        SharedRedis.acquire(vertx, channel.replica().orElseThrow(), timeout), channel.heartbeat().key());
  }

  @Override
  public Future<Heartbeat> writeHeartbeat() {
    return primary.connect().worded(primary.send(Request.cmd(Command.EVAL).arg(WRITE_SCRIPT).arg(1).arg(key))
        .map(r -> new Heartbeat(r.get(0).toLong(), instant(r.get(1), r.get(2)))));
  }

  /** The link state and the visible heartbeat are asked for together (pipelined). */
  @Override
  public Future<ReplicaView> readReplica() {
    Future<ReplicationInfo> info = replica.replication();
    Future<Heartbeat> visible = replica.send(Request.cmd(Command.HMGET).arg(key).arg("seq").arg("ts_s").arg("ts_us"))
        .map(RedisHeartbeatProbe::toHeartbeat);
    return replica.connect().worded(Future.all(info, visible).map(both -> info.result().view(visible.result())));
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
    return Future.join(primary.release(), replica.release()).mapEmpty();
  }
}
