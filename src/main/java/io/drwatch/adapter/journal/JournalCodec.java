package io.drwatch.adapter.journal;

import io.drwatch.domain.FailureCode;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.DataLossAccepted;
import io.drwatch.domain.runbook.JournalRecord.RunApproved;
import io.drwatch.domain.runbook.JournalRecord.RunBlocked;
import io.drwatch.domain.runbook.JournalRecord.RunCancelled;
import io.drwatch.domain.runbook.JournalRecord.RunMeasured;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.JournalRecord.StepFailed;
import io.drwatch.domain.runbook.JournalRecord.StepFinished;
import io.drwatch.domain.runbook.JournalRecord.StepInterrupted;
import io.drwatch.domain.runbook.JournalRecord.StepSkipped;
import io.drwatch.domain.runbook.JournalRecord.StepStarted;
import io.drwatch.domain.runbook.RunState;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * One {@link JournalRecord} per JSON line, in the format {@link FileJournal} documents. Encoding
 * escapes control characters, so a message with a newline still makes exactly one line.
 */
final class JournalCodec {
  private JournalCodec() {}

  static String encode(JournalRecord record, long epoch) {
    JsonObject json = new JsonObject()
        .put("type", type(record))
        .put("runId", record.runId())
        .put("at", record.at().toString())
        .put("epoch", epoch);
    if (record instanceof JournalRecord.StepFact r) {
      json.put("step", r.step());
    }
    if (record instanceof JournalRecord.StepNote r) {
      json.put("message", r.message());
    }
    if (record instanceof JournalRecord.ByOperator r) {
      json.put("by", r.by());
    }
    if (record instanceof RunStarted r) {
      PlanCodec.encode(r, json);
    } else if (record instanceof StepStarted r) {
      json.put("attempt", r.attempt());
    } else if (record instanceof StepFailed r) {
      r.code().ifPresent(c -> json.put("code", c.label()));
    } else if (record instanceof RunBlocked r) {
      json.put("step", r.step()).put("reason", r.reason());
    } else if (record instanceof RunFinished r) {
      json.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT)).put("reason", r.reason());
    } else if (record instanceof RunCancelled r) {
      json.put("reason", r.reason());
    } else if (record instanceof RunMeasured r) {
      JsonObject rpo = new JsonObject();
      r.rpo().forEach((channel, d) -> rpo.put(channel, d.toString()));
      json.put("rto", r.rto().toString()).put("rpo", rpo);
    } else if (record instanceof JournalRecord.DirectionFlipped r) {
      json.put("channels", new io.vertx.core.json.JsonArray(r.channels()));
    } else if (record instanceof JournalRecord.ReprotectApplied r) {
      json.put("channels", new io.vertx.core.json.JsonArray(r.channels()));
    } else if (record instanceof JournalRecord.Reprotected r) {
      json.put("channel", r.channel());
    } else if (record instanceof JournalRecord.SwitchoverMeasured r) {
      json.put("writeUnavailable", r.writeUnavailable().toString()).put("rpo", r.rpo().toString());
    }
    return json.encode();
  }

  /**
   * Parses one line; unknown fields are ignored so later versions may add some.
   *
   * @throws IllegalArgumentException saying what is wrong: bad JSON, unknown type, missing field
   */
  static JournalRecord decode(String line) {
    JsonObject json;
    try {
      json = new JsonObject(line);
    } catch (RuntimeException e) {
      // Jackson appends a source excerpt on further lines; a warning must stay one line.
      String why = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
      throw new IllegalArgumentException("not a JSON object (" + why + ")", e);
    }
    try {
      return decode(json);
    } catch (ClassCastException | DateTimeException e) {
      throw new IllegalArgumentException("malformed field: " + e.getMessage(), e);
    }
  }

  private static JournalRecord decode(JsonObject json) {
    String type = text(json, "type");
    String runId = text(json, "runId");
    Instant at = Instant.parse(text(json, "at"));
    return switch (type) {
      case "run-started" -> PlanCodec.decode(json, runId, at);
      case "run-approved" -> new RunApproved(runId, text(json, "by"), at);
      case "step-started" -> new StepStarted(runId, step(json), attempt(json), at);
      case "step-finished" -> new StepFinished(runId, step(json), text(json, "message"), at);
      case "step-failed" -> new StepFailed(runId, step(json), code(json), text(json, "message"), at);
      case "step-skipped" -> new StepSkipped(runId, step(json), text(json, "message"), at);
      case "step-interrupted" ->
          new StepInterrupted(runId, step(json), text(json, "message"), at);
      case "run-blocked" -> new RunBlocked(runId, step(json), text(json, "reason"), at);
      case "data-loss-accepted" -> new DataLossAccepted(runId, text(json, "by"), at);
      case "run-finished" -> new RunFinished(runId,
          RunState.valueOf(text(json, "outcome").toUpperCase(Locale.ROOT)),
          text(json, "reason"), at);
      case "run-cancelled" ->
          new RunCancelled(runId, text(json, "by"), text(json, "reason"), at);
      case "run-measured" -> measured(json, runId, at);
      case "direction-flipped" -> flipped(json, runId, at);
      case "reprotect-applied" -> new JournalRecord.ReprotectApplied(runId, channels(json), at);
      case "reprotected" -> new JournalRecord.Reprotected(runId, text(json, "channel"), at);
      case "switchover-measured" -> new JournalRecord.SwitchoverMeasured(runId,
          java.time.Duration.parse(text(json, "writeUnavailable")), java.time.Duration.parse(text(json, "rpo")), at);
      case "rearmed" -> new JournalRecord.Rearmed(runId, text(json, "by"), at);
      default -> throw new IllegalArgumentException("unknown type \"" + type + "\"");
    };
  }

  /** A failed step's code; absent in lines written before codes, or unknown to this version: empty. */
  private static Optional<FailureCode> code(JsonObject json) {
    String text = json.getString("code");
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(FailureCode.parse(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  // Stable names, not class names: renaming a class must not orphan old journals.
  private static final Map<Class<? extends JournalRecord>, String> TYPES = Map.ofEntries(
      Map.entry(RunStarted.class, "run-started"),
      Map.entry(RunApproved.class, "run-approved"),
      Map.entry(StepStarted.class, "step-started"),
      Map.entry(StepFinished.class, "step-finished"),
      Map.entry(StepFailed.class, "step-failed"),
      Map.entry(StepSkipped.class, "step-skipped"),
      Map.entry(StepInterrupted.class, "step-interrupted"),
      Map.entry(RunBlocked.class, "run-blocked"),
      Map.entry(DataLossAccepted.class, "data-loss-accepted"),
      Map.entry(RunFinished.class, "run-finished"),
      Map.entry(RunMeasured.class, "run-measured"),
      Map.entry(JournalRecord.Rearmed.class, "rearmed"),
      Map.entry(JournalRecord.DirectionFlipped.class, "direction-flipped"),
      Map.entry(JournalRecord.ReprotectApplied.class, "reprotect-applied"),
      Map.entry(JournalRecord.Reprotected.class, "reprotected"),
      Map.entry(JournalRecord.SwitchoverMeasured.class, "switchover-measured"),
      Map.entry(RunCancelled.class, "run-cancelled"));

  private static String type(JournalRecord record) {
    return TYPES.get(record.getClass());
  }

  private static RunMeasured measured(JsonObject json, String runId, Instant at) {
    JsonObject rpoJson = json.getJsonObject("rpo", new JsonObject());
    java.util.Map<String, java.time.Duration> rpo = new java.util.LinkedHashMap<>();
    rpoJson.fieldNames().forEach(ch -> rpo.put(ch, java.time.Duration.parse(rpoJson.getString(ch))));
    return new RunMeasured(runId, java.time.Duration.parse(text(json, "rto")), rpo, at);
  }

  private static JournalRecord.DirectionFlipped flipped(JsonObject json, String runId, Instant at) {
    return new JournalRecord.DirectionFlipped(runId, channels(json), at);
  }

  private static java.util.List<String> channels(JsonObject json) {
    io.vertx.core.json.JsonArray channels = json.getJsonArray("channels");
    if (channels == null) {
      throw new IllegalArgumentException("missing field \"channels\"");
    }
    java.util.List<String> names = new java.util.ArrayList<>();
    channels.forEach(c -> names.add((String) c));
    return names;
  }

  private static String step(JsonObject json) {
    return text(json, "step");
  }

  private static int attempt(JsonObject json) {
    Integer attempt = json.getInteger("attempt");
    if (attempt == null) {
      throw new IllegalArgumentException("missing field \"attempt\"");
    }
    return attempt;
  }

  static String text(JsonObject json, String field) {
    String value = json.getString(field);
    if (value == null) {
      throw new IllegalArgumentException("missing field \"" + field + "\"");
    }
    return value;
  }
}
