package io.drwatch.adapter.webhook;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The parameters of one webhook step, as {@link WebhookDescriptor} read them:
 *
 * <ul>
 *   <li>{@code url}: absolute http(s) URL (required);
 *   <li>{@code method}: GET, POST, PUT, PATCH or DELETE, default POST;
 *   <li>{@code body}, with {@code contentType} default {@code application/json};
 *   <li>{@code bearerToken}, or {@code header} + {@code headerValue}, or both (secrets: never in
 *       messages). They go to {@code checkUrl} and {@code awaitUrl} only when those have the same
 *       origin (scheme, host, port) as {@code url};
 *   <li>{@code caFile}: PEM bundle an https server's certificate is checked against (default:
 *       the JVM trust store), for {@code url}, {@code checkUrl} and {@code awaitUrl};
 *   <li>{@code expectStatus}: a status ({@code 204}) or a class ({@code 2xx}), default 2xx;
 *   <li>{@code checkUrl}: GET answering 200 means already done; without it check says not done;
 *   <li>{@code awaitUrl}: GET polled every 500 ms until 200; without it await is immediate;
 *   <li>{@code waitSeconds}: bound of the await loop, 1-3600, default 60;
 *   <li>{@code timeoutSeconds}: bound of each request, 1-600, default 10.
 * </ul>
 *
 * <p>Messages name a URL by its origin only: webhook paths and queries often carry secrets.
 */
record WebhookRequest(URI url, HttpMethod method, Optional<String> body, String contentType,
    MultiMap auth, ExpectedStatus expect, Optional<URI> checkUrl, Optional<URI> awaitUrl,
    int waitSeconds, Duration timeout, long epoch, Optional<java.nio.file.Path> caFile) {
  /**
   * The request for a target its descriptor has read, with the step's fencing epoch.
   *
   * @throws IllegalArgumentException naming the step, for an {@code expectStatus} that is not one
   */
  static WebhookRequest of(String stepId, WebhookDescriptor.Target t, long epoch) {
    return new WebhookRequest(t.url(), HttpMethod.valueOf(t.method()), t.body(), t.contentType(), auth(t),
        ExpectedStatus.parse(stepId, t.expectStatus()), t.checkUrl(), t.awaitUrl(), t.waitSeconds(), t.timeout(),
        epoch, t.caFile());
  }

  /** The auth headers for {@code target}: none unless it has the origin of {@code url}. */
  MultiMap authFor(URI target) {
    return origin(target).equals(origin(url)) ? auth : MultiMap.caseInsensitiveMultiMap();
  }

  static String origin(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }

  // The descriptor has checked that header and headerValue come together, and that neither the
  // epoch header nor Authorization (with a bearer token) is overridden.
  private static MultiMap auth(WebhookDescriptor.Target t) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    t.bearerToken().ifPresent(token -> headers.set("Authorization", "Bearer " + token));
    t.header().ifPresent(name -> headers.set(name, t.headerValue().orElse("")));
    return headers;
  }
}
