package io.drwatch.adapter.cloudflare;

import io.drwatch.adapter.support.HttpJson;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.Failures;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Cloudflare v4 API as the Cloudflare actions use it: one bounded request ({@link HttpJson}),
 * its envelope ({@code {"success", "errors", "messages", "result"}}) checked, {@code result}
 * returned. 429, 5xx, timeouts and connection failures are retried ({@link Retry}, honouring
 * {@code Retry-After}); any other answer (401/403 token, 404 id, 400 body) fails at once with
 * Cloudflare's error codes and messages, coded ({@link HttpJson#code}) with the first Cloudflare
 * error number as the provider code. Messages name the step, the method and the path (ids only),
 * never the token.
 */
record CloudflareApi(Vertx vertx, HttpJson http, Retry retry, Duration pollEvery) {
  CloudflareApi(Vertx vertx, HttpClient client, Retry retry, Duration pollEvery) {
    this(vertx, HttpJson.wrap(client), retry, pollEvery);
  }

  /** A GET, retried until {@code stop} (the step's {@code abandoned}) completes. */
  Future<JsonObject> get(String step, CloudflareTarget t, String path, Future<?> stop) {
    return call(step, t, HttpMethod.GET, path, Optional.empty(), stop);
  }

  Future<JsonObject> patch(String step, CloudflareTarget t, String path, JsonObject body, Future<?> stop) {
    return call(step, t, HttpMethod.PATCH, path, Optional.of(body), stop);
  }

  private Future<JsonObject> call(String step, CloudflareTarget t, HttpMethod method, String path,
      Optional<JsonObject> body, Future<?> stop) {
    String label = "step " + step + ": cloudflare " + method.name() + " " + path;
    return retry.label(label).stopOn(stop).run(vertx, () -> exchange(t, method, path, body));
  }

  /** One request: the result, or a coded failure worded without the label (the retry adds it). */
  private Future<JsonObject> exchange(CloudflareTarget t, HttpMethod method, String path, Optional<JsonObject> body) {
    return http.send(method, t.base() + path, Map.of("Authorization", "Bearer " + t.token()), body, t.timeout(), "")
        .compose(CloudflareApi::outcome);
  }

  static Future<JsonObject> outcome(HttpJson.Reply reply) {
    JsonObject envelope = reply.json().orElse(null);
    if (envelope != null && reply.ok() && envelope.getBoolean("success", false)) {
      return Future.succeededFuture(envelope.getValue("result") instanceof JsonObject r ? r : new JsonObject());
    }
    return Future.failedFuture(HttpJson.failure("HTTP " + reply.status() + errors(envelope, reply),
        reply, firstCode(envelope)));
  }

  /** The first Cloudflare error number, e.g. {@code "81044"}: the provider's own code. */
  private static String firstCode(JsonObject envelope) {
    if (envelope != null && envelope.getValue("errors") instanceof JsonArray errors && !errors.isEmpty()
        && errors.getValue(0) instanceof JsonObject first && first.getValue("code") != null) {
      return String.valueOf(first.getValue("code"));
    }
    return null;
  }

  /** ": 81044 Record does not exist.; ..." from the envelope, or the start of a body that is not one. */
  private static String errors(JsonObject envelope, HttpJson.Reply reply) {
    if (envelope == null || !(envelope.getValue("errors") instanceof JsonArray errors) || errors.isEmpty()) {
      String text = reply.quoted();
      return text.isEmpty() ? "" : ": " + text;
    }
    StringBuilder out = new StringBuilder(":");
    for (Object e : errors) {
      JsonObject err = e instanceof JsonObject o ? o : new JsonObject();
      out.append(out.length() > 1 ? ";" : "").append(' ').append(err.getValue("code", "?")).append(' ')
          .append(err.getString("message", ""));
    }
    return Failures.line(out.toString());
  }

  /**
   * Reads back every {@code pollEvery} until {@code ok}, for at most {@code within} and no longer
   * than {@code stop} stays open; timers only.
   */
  <T> Future<T> until(Future<?> stop, String what, Duration within, Supplier<Future<T>> read, Predicate<T> ok,
      Function<T, String> describe) {
    return Poll.every(pollEvery, within).until(vertx, stop, what, read, ok, describe).result();
  }
}
