package io.drwatch.adapter.httpprobe;

import io.drwatch.adapter.support.TargetChecks;
import io.drwatch.port.TargetProbe;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Liveness by HTTP GET: the target is up when it answers with the expected status and, if
 * configured, a body containing a given text. Redirects are not followed (a 301 is a wrong
 * status). At most the first {@value #MAX_BODY} bytes of a body are read, and only until the
 * expected text shows up. Every check uses a new connection ({@code Connection: close}), so a
 * connection that hung during one check cannot be handed to the next.
 */
public record HttpTargetProbe(HttpClientAgent client, RequestOptions request, int expectStatus,
    Optional<String> bodyContains, Duration timeout) implements TargetProbe {
  static final int MAX_BODY = 64 * 1024;
  private static final int MAX_QUOTED = 60;

  /**
   * @param url absolute {@code http://} or {@code https://} URL
   * @param expectStatus the one status that counts as up, 100-599
   * @param bodyContains text the first 64 KiB of the body must contain; empty to skip the body
   * @param timeout bounds the connect, each wait for data and the whole check; positive
   * @throws IllegalArgumentException naming the argument and the value when one is invalid
   */
  public static HttpTargetProbe create(Vertx vertx, String url, int expectStatus,
      Optional<String> bodyContains, Duration timeout) {
    validate(url, expectStatus, bodyContains, timeout);
    int ms = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(1, timeout.toMillis()));
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(false)
        .setConnectTimeout(ms)
        // Reaps a connection that stays silent well past the check; the check itself ends at ms.
        .setIdleTimeout(2 * ms)
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    RequestOptions request = new RequestOptions()
        .setMethod(HttpMethod.GET)
        .setAbsoluteURI(url)
        .setFollowRedirects(false)
        .setConnectTimeout(ms)
        .setIdleTimeout(ms)
        .putHeader("User-Agent", "drwatch-target-probe");
    return new HttpTargetProbe(vertx.createHttpClient(options), request, expectStatus,
        bodyContains, timeout);
  }

  static void validate(String url, int expectStatus, Optional<String> bodyContains,
      Duration timeout) {
    TargetChecks.url(url, url, Set.of("http", "https"), "an absolute http:// or https:// URL with a host");
    if (expectStatus < 100 || expectStatus > 599) {
      throw new IllegalArgumentException(
          "expectStatus must be between 100 and 599, but was " + expectStatus);
    }
    if (bodyContains.isPresent() && bodyContains.get().isEmpty()) {
      throw new IllegalArgumentException(
          "bodyContains must not be empty text; leave it out instead");
    }
    TargetChecks.positive(timeout);
  }

  @Override
  public Future<Void> check() {
    return TargetChecks.worded(client.request(new RequestOptions(request))
        .compose(req -> req.send())
        .compose(this::judge)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS),
        this::reason);
  }

  private Future<Void> judge(HttpClientResponse response) {
    if (response.statusCode() != expectStatus) {
      discard(response);
      return fail("status " + response.statusCode() + ", expected " + expectStatus);
    }
    if (bodyContains.isEmpty()) {
      discard(response);
      return Future.succeededFuture();
    }
    return searchBody(response, bodyContains.get());
  }

  /**
   * Reads until the text shows up, the body ends or {@value #MAX_BODY} bytes were read, so a
   * streaming or endless body cannot hold the check, and a large one is not read in full.
   */
  private static Future<Void> searchBody(HttpClientResponse response, String needle) {
    Promise<Void> found = Promise.promise();
    Buffer bytes = Buffer.buffer();
    response.exceptionHandler(found::tryFail);
    response.endHandler(end -> found.tryFail(notFound(needle, false)));
    response.handler(chunk -> {
      bytes.appendBuffer(chunk, 0, Math.min(chunk.length(), MAX_BODY - bytes.length()));
      if (bytes.toString(StandardCharsets.UTF_8).contains(needle)) {
        found.tryComplete();
      } else if (bytes.length() >= MAX_BODY) {
        found.tryFail(notFound(needle, true));
      }
      if (found.future().isComplete()) {
        discard(response);
      }
    });
    return found.future();
  }

  private static Verdict notFound(String needle, boolean truncated) {
    return new Verdict("body does not contain " + quote(needle)
        + (truncated ? " in its first 64 KiB" : ""));
  }

  /** The rest of the body is of no interest: drop the connection instead of draining it. */
  private static void discard(HttpClientResponse response) {
    // The reset comes back as a StreamResetException on the response, logged unless handled.
    response.exceptionHandler(ignored -> { });
    if (!response.end().isComplete()) {
      response.request().reset();
    }
  }

  private static String quote(String text) {
    String shown = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
    return "\"" + shown.replaceAll("\\s+", " ") + "\"";
  }

  private static Future<Void> fail(String reason) {
    return Future.failedFuture(new Verdict(reason));
  }


  /** A failure this probe decided on, as opposed to one from the transport. */
  private static final class Verdict extends VertxException {
    Verdict(String reason) {
      super(reason, true);
    }
  }

  String reason(Throwable err) {
    if (err instanceof Verdict) {
      return err.getMessage();
    }
    Throwable root = err;
    while (root.getMessage() == null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root.getMessage() == null && !io.drwatch.domain.Failures.isTimeout(err)) {
      // Rare (seen when the server closed a pooled connection mid-request): no words at all, so
      // say that in words instead of printing an exception class name as the reason.
      return "the connection failed without a message (" + root.getClass().getSimpleName()
          .replace("Exception", "") + ")";
    }
    return TargetChecks.reason(err, "no answer", timeout);
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }

  @Override
  public String toString() {
    return "http " + request.getURI();
  }
}
