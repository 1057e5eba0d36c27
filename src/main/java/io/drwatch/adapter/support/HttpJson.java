package io.drwatch.adapter.support;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * JSON over HTTP for adapters, on {@code vertx-web-client}: one request bounded by a timeout, and
 * one mapping of transport failures and HTTP statuses to {@link FailureCode}, so that every REST
 * adapter retries and reports the same way. A reply of any status is an answer ({@link #send});
 * {@link #failure} turns a non-2xx answer into the {@link CodedFailure} the caller fails with.
 */
public final class HttpJson implements AutoCloseable {
  private final WebClient client;

  private HttpJson(WebClient client) {
    this.client = client;
  }

  /** On an existing Vert.x HTTP client (its options: keep-alive, TLS, pool). */
  public static HttpJson wrap(HttpClient client) {
    return new HttpJson(WebClient.wrap(client));
  }

  /** An answer: status, headers and body. */
  public record Reply(int status, MultiMap headers, Buffer body) {
    public boolean ok() {
      return status / 100 == 2;
    }

    /** The body as a JSON object, or empty if it is not one (a proxy's HTML error page). */
    public Optional<JsonObject> json() {
      try {
        return Optional.of(body.toJsonObject());
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }

    /** The start of the body on one line, for messages. */
    public String quoted() {
      String text = body.toString().strip();
      return text.isEmpty() ? "" : Failures.line(text);
    }
  }

  /**
   * One request; a transport failure or no answer within {@code timeout} fails with a {@link
   * CodedFailure} ({@code TIMEOUT}, {@code UNREACHABLE} or {@code TLS}) whose message is
   * {@code what: reason} (just the reason if {@code what} is empty, for callers whose {@link Retry}
   * names the call). Redirects are not followed: an API that redirects is misconfigured.
   */
  public Future<Reply> send(HttpMethod method, String absoluteUri, Map<String, String> headers,
      Optional<JsonObject> body, Duration timeout, String what) {
    long ms = Math.max(1, timeout.toMillis());
    HttpRequest<Buffer> request = client.requestAbs(method, absoluteUri)
        .followRedirects(false)
        .connectTimeout(ms)
        .idleTimeout(ms)
        .timeout(ms)
        .putHeader("Accept", "application/json")
        .putHeader("User-Agent", "drwatch");
    headers.forEach(request::putHeader);
    return (body.isPresent() ? request.sendJsonObject(body.get()) : request.send())
        .map(r -> new Reply(r.statusCode(), r.headers(), r.body() == null ? Buffer.buffer() : r.body()))
        .recover(err -> Future.failedFuture(transport(err, what, timeout)));
  }

  /** A failure before any answer, coded and worded: "no answer within 2s", or the cause's line. */
  public static CodedFailure transport(Throwable err, String what, Duration timeout) {
    FailureCode code = CodedFailure.codeOf(err);
    String reason = code == FailureCode.TIMEOUT ? "no answer within " + Texts.duration(timeout) : Failures.line(err);
    // No answer came back, so it is not a refusal: an uncoded transport failure counts as unreachable.
    return CodedFailure.of(code == FailureCode.REJECTED ? FailureCode.UNREACHABLE : code,
        what.isEmpty() ? reason : what + ": " + reason,
        null, 0, null, err);
  }

  /**
   * A non-2xx answer as a failure: {@link #code} of its status, {@code providerCode} (the API's
   * own error code, may be null) and, on 429/503, the {@code Retry-After} it sent.
   */
  public static CodedFailure failure(String message, Reply reply, String providerCode) {
    Duration after = reply.status() == 429 || reply.status() == 503
        ? retryAfter(reply.headers().get("Retry-After")).orElse(null) : null;
    return CodedFailure.of(code(reply.status()), message, providerCode, reply.status(), after, null);
  }

  /**
   * 401/403 {@code AUTH}, 404 and 410 {@code NOT_FOUND}, 408 {@code TIMEOUT}, 429 {@code THROTTLED},
   * 5xx {@code UNREACHABLE} (a broken or overloaded server: retried), anything else {@code REJECTED}.
   */
  public static FailureCode code(int status) {
    return switch (status) {
      case 401, 403 -> FailureCode.AUTH;
      case 404, 410 -> FailureCode.NOT_FOUND;
      case 408 -> FailureCode.TIMEOUT;
      case 429 -> FailureCode.THROTTLED;
      default -> status >= 500 && status < 600 ? FailureCode.UNREACHABLE : FailureCode.REJECTED;
    };
  }

  /** A {@code Retry-After} in seconds; an HTTP date or garbage is ignored (our own backoff applies). */
  public static Optional<Duration> retryAfter(String header) {
    if (header == null) {
      return Optional.empty();
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
