package io.drwatch.adapter.opensearch;

import io.drwatch.adapter.support.WriterClock;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * OpenSearch canary: one document per channel (id = channel name) in the heartbeat index on the
 * leader, {@code {"seq": n, "ts": epochMillis}}, read back from the follower's copy of that index.
 * In real cross-cluster replication the heartbeat index must itself be replicated: create it on the
 * leader (1 shard) under a name an auto-follow rule matches, or start replication of it explicitly.
 *
 * <p>Clock: writer time and sequence come from drwatch's clock ({@link WriterClock}), taken just
 * before the write. A plain index request has no server-side "now" (the {@code _ingest.timestamp}
 * route needs an ingest pipeline with the {@code set} processor, absent from minimal distributions
 * and a change to the leader we would rather not require). The write's own latency only makes the
 * RPO overstate.
 */
final class OsHeartbeat implements ChannelProbe {
  private final OsHttp leader;
  private final OsHttp follower;
  private final String index;
  private final String id;
  private final WriterClock writer;

  OsHeartbeat(OsHttp leader, OsHttp follower, String index, String id, Clock clock) {
    this.leader = leader;
    this.follower = follower;
    this.index = index;
    this.id = id;
    this.writer = new WriterClock(clock);
  }

  private String docPath() {
    return "/" + OsHttp.seg(index) + "/_doc/" + OsHttp.seg(id);
  }

  @Override
  public Future<Heartbeat> writeHeartbeat() {
    Heartbeat hb = writer.next();
    String body = new JsonObject().put("seq", hb.seq()).put("ts", hb.writerTs().toEpochMilli())
        .put("writer", "drwatch").encode();
    return leader.send(HttpMethod.PUT, docPath(), body).compose(reply -> reply.status() == 200 || reply.status() == 201
        ? Future.succeededFuture(hb)
        : failed("PUT " + docPath() + " on the leader: status " + reply.status() + " " + reply.quoted()));
  }

  @Override
  public Future<ReplicaView> readReplica() {
    return follower.get(docPath()).compose(reply -> {
      if (reply.status() == 404) { // no document yet, or the follower index does not exist yet
        return Future.succeededFuture(new ReplicaView(Optional.empty(), LinkState.UNKNOWN, ""));
      }
      if (reply.status() != 200) {
        return failed("GET " + docPath() + " on the follower: status " + reply.status() + " " + reply.quoted());
      }
      JsonObject source = reply.json().getJsonObject("_source", new JsonObject());
      Long seq = number(source, "seq");
      Long ts = number(source, "ts");
      if (seq == null || ts == null) {
        return failed("heartbeat document " + docPath() + " on the follower has no numeric seq/ts: " + reply.quoted());
      }
      // UNKNOWN: a document says nothing about the link; the _status telemetry does.
      return Future.succeededFuture(ReplicaView.of(new Heartbeat(seq, Instant.ofEpochMilli(ts)), LinkState.UNKNOWN, ""));
    });
  }

  private static Long number(JsonObject o, String key) {
    return o.getValue(key) instanceof Number n ? n.longValue() : null;
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }

  @Override
  public Future<Void> close() {
    leader.close();
    follower.close();
    return Future.succeededFuture();
  }
}
