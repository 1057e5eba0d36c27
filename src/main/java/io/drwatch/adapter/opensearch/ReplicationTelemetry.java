package io.drwatch.adapter.opensearch;

import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ProviderTelemetry;
import io.drwatch.adapter.support.HttpJson;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.VertxException;
import java.util.Optional;

/**
 * The follower's own view of cross-cluster replication, from {@code _status}. PAUSED, FAILED and
 * "not in progress" are a down link with the status and reason (=> BROKEN). The checkpoint gap is
 * an operation count, not a time, so it goes into the link detail and never into a lag figure:
 * the canary supplies the RPO. A missing follower index is a down link too.
 */
record ReplicationTelemetry(OsHttp follower, String index) implements ProviderTelemetry {

  static String statusPath(String index) {
    return "/_plugins/_replication/" + OsHttp.seg(index) + "/_status";
  }

  /** Reads {@code _status}; fails on an answer that is not a status (auth, 5xx, no plugin). */
  static Future<ReplicationStatus> read(OsHttp follower, String index) {
    return follower.get(statusPath(index)).compose(reply -> interpret(reply, follower.base(), index));
  }

  static Future<ReplicationStatus> interpret(OsHttp.Reply reply, String base, String index) {
    if (reply.status() == 404 && reply.body().contains("index_not_found_exception")) {
      return Future.succeededFuture(new ReplicationStatus(ReplicationStatus.NOT_IN_PROGRESS,
          "follower index " + index + " not found", Optional.empty(), Optional.empty(), Optional.empty()));
    }
    ReplicationStatus status = ReplicationStatus.parse(reply.json());
    if (reply.status() != 200 || status.status().isEmpty()) {
      // A 200 without a status is an answer we cannot use: rejected, as any other non-2xx is coded.
      return Future.failedFuture(CodedFailure.of(reply.status() == 200 ? FailureCode.REJECTED
              : HttpJson.code(reply.status()), "GET " + statusPath(index) + " on " + base
          + ": status " + reply.status() + " " + reply.quoted(), null, reply.status(), null, null));
    }
    return Future.succeededFuture(status);
  }

  @Override
  public Future<ReplicaView> read() {
    return read(follower, index).map(s -> new ReplicaView(Optional.empty(),
        s.broken() ? LinkState.DOWN : LinkState.UP, "opensearch " + index + " " + s.describe()));
  }

  @Override
  public Future<Void> close() {
    follower.close();
    return Future.succeededFuture();
  }
}
