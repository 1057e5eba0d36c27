package io.drwatch.adapter.postgres.agent;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** One rebuild: what the job reports while {@link Rebuild} works on it; read and written under its lock. */
final class RebuildJob {
  private static final int LOG_LINES = 30;

  private final String id;
  private final String source;
  private final Instant startedAt;
  private final Deque<String> log = new ArrayDeque<>();
  private String state = AgentProtocol.RUNNING;
  private String phase = "queued";
  private String method = "";
  private String error = "";
  private Instant endedAt;

  RebuildJob(String id, String source, Instant startedAt) {
    this.id = id;
    this.source = source;
    this.startedAt = startedAt;
  }

  String id() {
    return id;
  }

  String source() {
    return source;
  }

  synchronized boolean running() {
    return state.equals(AgentProtocol.RUNNING);
  }

  synchronized void phase(String phase, String method) {
    this.phase = phase;
    this.method = method;
    note(phase + (method.isEmpty() ? "" : " (" + method + ")"));
  }

  /** Keeps the last lines only: the tools' output can be long, and the caller wants the end. */
  synchronized void note(String text) {
    for (String line : text.strip().split("\n")) {
      if (!line.isBlank()) {
        log.addLast(line.strip());
      }
      while (log.size() > LOG_LINES) {
        log.removeFirst();
      }
    }
  }

  synchronized void end(String why, Instant at) {
    state = why.isEmpty() ? AgentProtocol.SUCCEEDED : AgentProtocol.FAILED;
    error = why;
    phase = why.isEmpty() ? "done" : phase;
    endedAt = at;
    note(why.isEmpty() ? "done" : "failed: " + why);
  }

  synchronized JsonObject json() {
    JsonObject o = new JsonObject().put("id", id).put("source", AgentProtocol.label(source)).put("state", state)
        .put("phase", phase).put("method", method).put("error", error).put("log", new JsonArray(log.stream().toList()))
        .put("startedAt", startedAt.toString());
    return endedAt == null ? o : o.put("endedAt", endedAt.toString());
  }
}
