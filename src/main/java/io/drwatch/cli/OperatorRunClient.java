package io.drwatch.cli;

import io.drwatch.config.DrwatchConfig;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code drwatch reprotect} and {@code drwatch switchover}: posts the start to the running daemon,
 * prints the run id, then follows the run ({@code GET /api/v1/runs/{id}}), printing each step
 * change until the run ends or blocks. Exit 0 SUCCEEDED, 1 failed, blocked or cancelled, 2
 * refused (or no daemon answering).
 */
final class OperatorRunClient {
  static final int SUCCEEDED = 0;
  static final int FAILED = 1;
  static final int REFUSED = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int READ_FAILURES_TOLERATED = 20;
  private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "CANCELLED", "EXPIRED", "ABANDONED");

  private final DrwatchConfig cfg;
  private final String command;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> seen = new HashMap<>();

  OperatorRunClient(DrwatchConfig cfg, String command, PrintStream out, PrintStream err) {
    this.cfg = cfg;
    this.command = command;
    this.out = out;
    this.err = err;
  }

  /** @param mode {@code reprotect} or {@code switchover}, the endpoint's last segment */
  int run(String mode, String operator, boolean acceptDataLoss) throws InterruptedException {
    URI start = uri("/api/v1/" + mode);
    JsonObject body = new JsonObject().put("operator", operator).put("acceptDataLoss", acceptDataLoss);
    HttpResponse<String> resp;
    try {
      resp = send(HttpRequest.newBuilder(start).timeout(TIMEOUT).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body.encode())), true);
    } catch (ConnectException e) {
      err.println(command + ": no daemon answers at " + start + ": start it (drwatch run) first");
      return REFUSED;
    } catch (IOException | java.security.GeneralSecurityException e) {
      err.println(command + ": " + start + " did not answer properly: " + e.getMessage());
      return REFUSED;
    }
    JsonObject answer = json(resp.body());
    if (resp.statusCode() != 202) {
      err.println(command + ": refused (" + resp.statusCode() + "): " + answer.getString("error", resp.body().strip()));
      return REFUSED;
    }
    String runId = answer.getString("runId");
    out.println(mode + " run " + runId + " started");
    return follow(runId);
  }

  private int follow(String runId) throws InterruptedException {
    URI uri = uri("/api/v1/runs/" + runId);
    int failures = 0;
    while (true) {
      JsonObject run;
      try {
        HttpResponse<String> resp = send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET(), false);
        if (resp.statusCode() != 200) {
          throw new IOException("answered " + resp.statusCode() + ": " + resp.body().strip());
        }
        run = json(resp.body());
        failures = 0;
      } catch (IOException | java.security.GeneralSecurityException e) {
        if (++failures > READ_FAILURES_TOLERATED) {
          err.println(command + ": lost the run: " + uri + ": " + e.getMessage());
          return FAILED;
        }
        Thread.sleep(POLL.toMillis());
        continue;
      }
      printSteps(run.getJsonArray("steps", new JsonArray()));
      String state = run.getString("state", "");
      if (ENDED.contains(state) || state.equals("BLOCKED_DATA_LOSS")) {
        return ended(runId, run, state);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void printSteps(JsonArray steps) {
    for (int i = 0; i < steps.size(); i++) {
      JsonObject s = steps.getJsonObject(i);
      String state = s.getString("state") + "/" + s.getInteger("attempt", 0);
      if (!state.equals(seen.put(s.getString("step"), state)) && !s.getString("state").equals("PLANNED")) {
        String msg = s.getString("message", "");
        out.println("  step " + s.getString("step") + ": " + s.getString("state")
            + (s.getInteger("attempt", 0) > 1 ? " (attempt " + s.getInteger("attempt") + ")" : "")
            + (msg.isEmpty() ? "" : ": " + msg));
      }
    }
  }

  private int ended(String runId, JsonObject run, String state) {
    String reason = run.getString("reason", "");
    out.println("run " + runId + " " + state + (reason.isEmpty() ? "" : ": " + reason));
    JsonObject switchover = run.getJsonObject("switchover");
    if (switchover != null) {
      out.println(switchover.getString("verdict"));
    }
    if (state.equals("BLOCKED_DATA_LOSS")) {
      out.println("the run waits: accept the loss with POST /api/v1/runs/" + runId
          + "/approve?acceptDataLoss=true, or cancel it with POST /api/v1/runs/" + runId + "/cancel");
    }
    return state.equals("SUCCEEDED") ? SUCCEEDED : FAILED;
  }

  private HttpResponse<String> send(HttpRequest.Builder req, boolean operator)
      throws IOException, InterruptedException, java.security.GeneralSecurityException {
    if (operator) {
      cfg.runbook().flatMap(r -> r.token()).ifPresent(t -> req.header("Authorization", "Bearer " + t.value()));
    } else {
      cfg.http().readToken().ifPresent(t -> req.header("Authorization", "Bearer " + t.value()));
    }
    HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    if (cfg.http().tls().isPresent()) {
      client.sslContext(PinnedTls.context(cfg.http().tls().get()));
    }
    return client.build().send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    String host = cfg.http().host().equals("0.0.0.0") ? "127.0.0.1" : cfg.http().host();
    String scheme = cfg.http().tls().isPresent() ? "https://" : "http://";
    return URI.create(scheme + (host.contains(":") ? "[" + host + "]" : host) + ":" + cfg.http().port() + path);
  }

  private static JsonObject json(String body) {
    try {
      return new JsonObject(body);
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }
}
