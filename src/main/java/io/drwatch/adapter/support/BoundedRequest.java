package io.drwatch.adapter.support;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * One request on a core HTTP client to an endpoint we do not control (an OpenSearch cluster, a
 * webhook receiver): no redirects, connect and idle timeouts, our User-Agent, and only the first
 * bytes of the body read. The caller adds its headers to {@link #options} and bounds the whole
 * exchange with its own timeout.
 */
public final class BoundedRequest {
  private BoundedRequest() {}

  /** The status and the body's first bytes as text. */
  public record Answer(int status, String body) {}

  public static RequestOptions options(HttpMethod method, URI uri, Duration timeout) {
    long ms = timeout.toMillis();
    return new RequestOptions()
        .setMethod(method)
        .setAbsoluteURI(uri.toString())
        .setFollowRedirects(false)
        .setConnectTimeout(ms)
        .setIdleTimeout(ms)
        .putHeader("User-Agent", "drwatch");
  }

  /** Sends on {@code vertx}'s context (see {@link OnContext}) and reads at most {@code maxRead} bytes. */
  public static Future<Answer> send(Vertx vertx, HttpClientAgent client, RequestOptions options,
      Optional<Buffer> body, int maxRead) {
    return OnContext.run(vertx, () -> client.request(options)
        .compose(req -> body.isPresent() ? req.send(body.get()) : req.send())
        .compose(response -> BodyPrefix.read(response, maxRead)
            .map(text -> new Answer(response.statusCode(), text))));
  }
}
