package io.drwatch.adapter.opensearch;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Optional;

/**
 * One answer of {@code GET _plugins/_replication/<follower-index>/_status}: {@code status} is
 * {@code SYNCING}, {@code BOOTSTRAPPING} (the docs spell it {@code BOOTSTRAPING}), {@code PAUSED},
 * {@code FAILED} or {@code REPLICATION NOT IN PROGRESS}; {@code syncing_details} carries the
 * leader's and follower's checkpoints, which count operations, not time (-1 per shard before the
 * first operation; equal means fully synced).
 */
record ReplicationStatus(String status, String reason, Optional<Long> leaderCheckpoint,
    Optional<Long> followerCheckpoint, Optional<Long> seqNo) {

  static final String NOT_IN_PROGRESS = "REPLICATION NOT IN PROGRESS";

  static ReplicationStatus parse(JsonObject json) {
    String status = json.getString("status", "").strip().toUpperCase(Locale.ROOT);
    JsonObject details = json.getJsonObject("syncing_details", new JsonObject());
    return new ReplicationStatus(status, json.getString("reason", ""), number(details, "leader_checkpoint"),
        number(details, "follower_checkpoint"), number(details, "seq_no"));
  }

  private static Optional<Long> number(JsonObject o, String key) {
    return o.getValue(key) instanceof Number n ? Optional.of(n.longValue()) : Optional.empty();
  }

  boolean inProgress() {
    return !status.isEmpty() && !status.equals(NOT_IN_PROGRESS);
  }

  /** PAUSED, FAILED or not replicating: replication does not move data any more. */
  boolean broken() {
    return status.equals("PAUSED") || status.equals("FAILED") || !inProgress();
  }

  /** Operations the follower has still to apply, when both checkpoints are known. */
  Optional<Long> gap() {
    return leaderCheckpoint.flatMap(l -> followerCheckpoint.map(f -> Math.max(0, l - f)));
  }

  /** One line for the status page: state, reason and the checkpoint gap in operations. */
  String describe() {
    StringBuilder s = new StringBuilder(status.isEmpty() ? "no status" : status);
    if (!reason.isBlank() && broken()) {
      s.append(" (").append(reason.strip()).append(')');
    }
    gap().ifPresent(g -> s.append(": follower checkpoint ").append(followerCheckpoint.get())
        .append(" of leader ").append(leaderCheckpoint.get()).append(", ").append(g).append(" ops behind"));
    return s.toString();
  }
}
