package io.drwatch.adapter.cloudflare;

import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The Cloudflare v4 API as the Cloudflare actions use it: one bounded request, its envelope
 * ({@code {"success", "errors", "messages", "result"}}) checked, {@code result} returned. 429, 5xx,
 * timeouts and connection failures are retried per {@link CloudflareRetry} on Vert.x timers; any
 * other answer (401/403 token, 404 id, 400 body) fails at once with Cloudflare's error codes and
 * messages. Messages name the step, the method and the path (ids only), never the token.
 */
final class CloudflareApi {
  private static final System.Logger LOG = System.getLogger(CloudflareApi.class.getName());

  /** Why an exchange failed, and whether trying again may help. */
  private record Outcome(JsonObject result, String failure, boolean retryable, String retryAfter) {}

  private final Vertx vertx;
  private final HttpClientAgent client;
  private final CloudflareRetry retry;
  private final Duration pollEvery;

  CloudflareApi(Vertx vertx, HttpClientAgent client, CloudflareRetry retry, Duration pollEvery) {
    this.vertx = vertx;
    this.client = client;
    this.retry = retry;
    this.pollEvery = pollEvery;
  }

  Future<JsonObject> get(CloudflareTarget t, String path) {
    return call(t, HttpMethod.GET, path, Optional.empty());
  }

  Future<JsonObject> patch(CloudflareTarget t, String path, JsonObject body) {
    return call(t, HttpMethod.PATCH, path, Optional.of(body));
  }

  private Future<JsonObject> call(CloudflareTarget t, HttpMethod method, String path, Optional<JsonObject> body) {
    String label = "step " + t.step() + ": cloudflare " + method.name() + " " + path;
    Promise<JsonObject> done = Promise.promise();
    attempt(t, method, path, body, label, 1, done);
    return done.future();
  }

  private void attempt(CloudflareTarget t, HttpMethod method, String path, Optional<JsonObject> body, String label,
      int n, Promise<JsonObject> done) {
    exchange(t, method, path, body).onComplete(ar -> {
      Outcome o = ar.result();
      if (o.failure() == null) {
        done.complete(o.result());
      } else if (!o.retryable() || n >= retry.attempts()) {
        String tries = n == 1 ? "" : " after " + n + " attempts";
        done.fail(VertxException.noStackTrace(label + " failed" + tries + ": " + o.failure()));
      } else {
        long delay = retry.delayMillis(n - 1, o.retryAfter(), ThreadLocalRandom.current());
        LOG.log(Level.WARNING, "{0}: attempt {1} of {2} failed, retrying in {3} ms: {4}",
            label, n, retry.attempts(), Long.toString(delay), o.failure()); // not "1,000 ms"
        vertx.setTimer(Math.max(1, delay), id -> attempt(t, method, path, body, label, n + 1, done));
      }
    });
  }

  /** One request; always succeeds, with either the result or the reason it failed. */
  private Future<Outcome> exchange(CloudflareTarget t, HttpMethod method, String path, Optional<JsonObject> body) {
    long ms = t.timeout().toMillis();
    RequestOptions options = new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(t.base() + path)
        .setFollowRedirects(false)
        .setConnectTimeout(ms)
        .setIdleTimeout(ms)
        .putHeader("Authorization", "Bearer " + t.token())
        .putHeader("Accept", "application/json")
        .putHeader("User-Agent", "drwatch");
    body.ifPresent(b -> options.putHeader("Content-Type", "application/json"));
    return client.request(options)
        .compose(req -> body.isPresent() ? req.send(body.get().toBuffer()) : req.send())
        .compose(resp -> resp.body().map(bytes -> outcome(resp.statusCode(), bytes, resp.getHeader("Retry-After"))))
        .timeout(ms, TimeUnit.MILLISECONDS)
        .otherwise(err -> new Outcome(null, Failures.isTimeout(err) ? "no answer within " + Texts.duration(t.timeout())
            : Failures.line(err), true, null));
  }

  static Outcome outcome(int status, Buffer bytes, String retryAfter) {
    JsonObject envelope;
    try {
      envelope = bytes.toJsonObject();
    } catch (RuntimeException e) {
      envelope = null;
    }
    boolean retryable = status == 429 || status >= 500;
    if (envelope != null && status / 100 == 2 && envelope.getBoolean("success", false)) {
      JsonObject result = envelope.getValue("result") instanceof JsonObject r ? r : new JsonObject();
      return new Outcome(result, null, false, null);
    }
    return new Outcome(null, "HTTP " + status + errors(envelope, bytes), retryable, status == 429 ? retryAfter : null);
  }

  /** ": 81044 Record does not exist.; ..." from the envelope, or the start of a body that is not one. */
  private static String errors(JsonObject envelope, Buffer bytes) {
    if (envelope == null || !(envelope.getValue("errors") instanceof JsonArray errors) || errors.isEmpty()) {
      String text = bytes.toString().strip();
      return text.isEmpty() ? "" : ": " + Failures.line(text);
    }
    StringBuilder out = new StringBuilder(":");
    for (Object e : errors) {
      JsonObject err = e instanceof JsonObject o ? o : new JsonObject();
      out.append(out.length() > 1 ? ";" : "").append(' ').append(err.getValue("code", "?")).append(' ')
          .append(err.getString("message", ""));
    }
    return Failures.line(out.toString());
  }

  /** Reads back every {@code pollEvery} until {@code done}, for at most {@code within}; timers only. */
  <T> Future<T> until(String what, Duration within, Supplier<Future<T>> read, Predicate<T> ok,
      Function<T, String> describe) {
    Promise<T> result = Promise.promise();
    round(what, within, read, ok, describe, System.nanoTime() + within.toNanos(), result);
    return result.future();
  }

  private <T> void round(String what, Duration within, Supplier<Future<T>> read, Predicate<T> ok,
      Function<T, String> describe, long deadline, Promise<T> result) {
    read.get().onComplete(ar -> {
      if (ar.failed()) {
        result.fail(ar.cause());
      } else if (ok.test(ar.result())) {
        result.complete(ar.result());
      } else if (System.nanoTime() - deadline >= 0) {
        result.fail(VertxException.noStackTrace(what + ": still " + describe.apply(ar.result()) + " after "
            + Texts.duration(within)));
      } else {
        vertx.setTimer(pollEvery.toMillis(), id -> round(what, within, read, ok, describe, deadline, result));
      }
    });
  }
}
