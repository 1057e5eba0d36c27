package io.drwatch.adapter.aws.s3;

import io.drwatch.domain.lag.Heartbeat;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The canary object's content: {@code {"seq":..,"writerTs":"..","writer":"drwatch"}}, also put in
 * user metadata so a HEAD shows it. Replication copies both; the destination is read by GET, whose
 * body is the authority.
 */
final class CanaryObject {
  static final String SEQ = "drwatch-seq";
  static final String TS = "drwatch-ts";

  private CanaryObject() {}

  static byte[] body(Heartbeat hb) {
    return new JsonObject().put("seq", hb.seq()).put("writerTs", hb.writerTs().toString()).put("writer", "drwatch")
        .encode().getBytes(StandardCharsets.UTF_8);
  }

  static Map<String, String> metadata(Heartbeat hb) {
    return Map.of(SEQ, Long.toString(hb.seq()), TS, hb.writerTs().toString());
  }

  /** The heartbeat in {@code body}; fails naming {@code where} if it is not one of ours. */
  static Heartbeat parse(byte[] body, String where) {
    try {
      JsonObject json = new JsonObject(new String(body, StandardCharsets.UTF_8));
      Long seq = json.getLong("seq");
      String ts = json.getString("writerTs");
      if (seq == null || ts == null) {
        throw new IllegalStateException(where + " is not a drwatch canary (no seq/writerTs)");
      }
      return new Heartbeat(seq, Instant.parse(ts));
    } catch (DecodeException | ClassCastException | DateTimeParseException e) {
      throw new IllegalStateException(where + " is not a drwatch canary: " + e.getMessage(), e);
    }
  }
}
