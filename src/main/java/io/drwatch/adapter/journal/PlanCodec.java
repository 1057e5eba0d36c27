package io.drwatch.adapter.journal;

import static io.drwatch.adapter.journal.JournalCodec.text;

import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The {@code run-started} line: mode, trigger evidence, RPO per channel and the plan. */
final class PlanCodec {
  private PlanCodec() {}

  static void encode(RunStarted r, JsonObject json) {
    JsonObject rpo = new JsonObject();
    r.trigger().rpo().forEach((channel, d) -> rpo.put(channel, d.toString()));
    JsonArray plan = new JsonArray();
    r.plan().forEach(s -> plan.add(step(s)));
    json.put("mode", r.mode().name().toLowerCase(Locale.ROOT))
        .put("awaitingApproval", r.awaitingApproval())
        .put("trigger", new JsonObject()
            .put("evidence", new JsonArray(new ArrayList<>(r.trigger().evidence())))
            .put("rpo", rpo))
        .put("plan", plan);
  }

  static RunStarted decode(JsonObject json, String runId, Instant at) {
    RunMode mode = RunMode.valueOf(text(json, "mode").toUpperCase(Locale.ROOT));
    JsonObject trigger = object(json, "trigger");
    Map<String, Duration> rpo = new LinkedHashMap<>();
    JsonObject rpoJson = object(trigger, "rpo");
    rpoJson.fieldNames().forEach(channel -> rpo.put(channel, duration(rpoJson, channel)));
    List<StepSpec> plan = new ArrayList<>();
    array(json, "plan").forEach(step -> plan.add(step((JsonObject) step)));
    return new RunStarted(runId, mode, new Trigger(strings(trigger, "evidence"), rpo), plan,
        flag(json, "awaitingApproval"), at);
  }

  private static JsonObject step(StepSpec s) {
    return new JsonObject()
        .put("id", s.id())
        .put("action", s.action())
        .put("after", new JsonArray(new ArrayList<>(s.after())))
        .put("timeout", s.timeout().toString())
        .put("retries", s.retries())
        .put("expected", s.expected().toString())
        .put("fence", s.fence())
        .put("promote", s.promote());
  }

  private static StepSpec step(JsonObject json) {
    Integer retries = json.getInteger("retries");
    if (retries == null) {
      throw new IllegalArgumentException("missing field \"retries\"");
    }
    // Params are never journaled (they may hold credentials).
    return new StepSpec(text(json, "id"), text(json, "action"), strings(json, "after"),
        duration(json, "timeout"), retries, duration(json, "expected"), flag(json, "fence"),
        flag(json, "promote"), Map.of());
  }

  private static Duration duration(JsonObject json, String field) {
    return Duration.parse(text(json, field));
  }

  private static boolean flag(JsonObject json, String field) {
    Boolean value = json.getBoolean(field);
    if (value == null) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return value;
  }

  private static JsonObject object(JsonObject json, String field) {
    JsonObject value = json.getJsonObject(field);
    if (value == null) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return value;
  }

  private static JsonArray array(JsonObject json, String field) {
    JsonArray value = json.getJsonArray(field);
    if (value == null) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return value;
  }

  private static List<String> strings(JsonObject json, String field) {
    List<String> values = new ArrayList<>();
    array(json, field).forEach(v -> values.add((String) v));
    return values;
  }
}
