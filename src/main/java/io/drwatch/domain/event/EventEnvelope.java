package io.drwatch.domain.event;

import io.drwatch.domain.Require;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An EventBridge event as it reached us (API destination or SQS), after envelope validation.
 * {@code detail} is the event's detail object as plain Java values (Map, List, String, Number,
 * Boolean, null), so the decision core can read it without a JSON library.
 */
public record EventEnvelope(
    String id, String source, String detailType, Instant time, String region, Map<String, Object> detail) {
  public EventEnvelope {
    Require.nonNull("id", id, "source", source, "detailType", detailType, "time", time, "region", region);
    // JSON null values are legal in detail, which Map.copyOf would reject.
    detail = detail == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(detail));
  }

  /** A string field of {@code detail}, or null. */
  public String detailString(String key) {
    Object v = detail.get(key);
    return v instanceof String s ? s : null;
  }
}
