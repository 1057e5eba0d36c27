package io.drwatch.app.ingest;

import io.drwatch.domain.event.EventEnvelope;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an EventBridge event as EventBridge delivers it, to an API destination (the request body)
 * or to an SQS target (the message body): a JSON object with {@code id}, {@code source},
 * {@code detail-type}, {@code time} (ISO-8601), {@code region} and an object {@code detail}.
 * Other top-level fields ({@code version}, {@code account}, {@code resources}) are allowed and dropped.
 */
public final class EventEnvelopes {
  private static final List<String> TEXT_FIELDS = List.of("id", "source", "detail-type", "region");

  private static final String SAMPLE = "{\"id\":\"warm-up\",\"source\":\"drwatch\",\"detail-type\":\"warm-up\","
      + "\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"us-east-1\",\"detail\":{\"n\":[1,2.5,true,null]}}";

  private EventEnvelopes() {}

  /**
   * Parses a sample event, so the JSON codec and java.time load now: the first parse costs 0.3 to
   * 1.5 s on a loaded machine. Call it at startup from {@code main} or a worker, not on an event loop.
   */
  public static void warmUp() {
    try {
      parse(SAMPLE);
    } catch (MalformedEventException e) {
      throw new IllegalStateException("the built-in sample event no longer parses", e);
    }
  }

  public static EventEnvelope parse(String json) throws MalformedEventException {
    return parse(Buffer.buffer(json));
  }

  public static EventEnvelope parse(Buffer json) throws MalformedEventException {
    Object value;
    try {
      value = Json.decodeValue(json);
    } catch (DecodeException e) {
      throw new MalformedEventException(null, "body is not valid JSON");
    }
    Map<String, Object> event = object(value);
    if (event == null) {
      throw new MalformedEventException(null, "body must be a JSON object (an EventBridge event)");
    }
    for (String field : TEXT_FIELDS) {
      text(event, field);
    }
    Object detail = plain(event.get("detail"));
    if (!(detail instanceof Map)) {
      throw new MalformedEventException("detail", event.containsKey("detail") ? "must be a JSON object" : "is missing");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> detailMap = (Map<String, Object>) detail;
    return new EventEnvelope(text(event, "id"), text(event, "source"), text(event, "detail-type"),
        time(text(event, "time")), text(event, "region"), detailMap);
  }

  private static String text(Map<String, Object> event, String field) throws MalformedEventException {
    Object v = event.get(field);
    if (v == null) {
      throw new MalformedEventException(field, "is missing");
    }
    if (!(v instanceof String s) || s.isBlank()) {
      throw new MalformedEventException(field, "must be a non-empty string");
    }
    return s;
  }

  private static Instant time(String value) throws MalformedEventException {
    try {
      return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new MalformedEventException("time", "must be an ISO-8601 timestamp with an offset, e.g. 2026-11-25T08:00:00Z");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(Object value) {
    if (value instanceof JsonObject o) {
      return o.getMap();
    }
    return value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
  }

  /** Vert.x JSON types to plain Map/List values, recursively, keeping JSON nulls. */
  private static Object plain(Object value) {
    Map<String, Object> map = object(value);
    if (map != null) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, plain(v)));
      return copy;
    }
    List<?> list = value instanceof JsonArray a ? a.getList() : value instanceof List<?> l ? l : null;
    if (list != null) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    return value;
  }
}
