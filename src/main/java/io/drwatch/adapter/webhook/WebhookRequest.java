package io.drwatch.adapter.webhook;

import io.drwatch.port.FailoverAction.Step;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of one webhook step, checked before anything is sent:
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
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  /** @throws IllegalArgumentException naming the step, the parameter and the rule */
  static WebhookRequest of(Step step) {
    String method = step.param("method", "POST").strip().toUpperCase(Locale.ROOT);
    if (!METHODS.contains(method)) {
      throw new IllegalArgumentException("step " + step.id()
          + ": method must be one of GET, POST, PUT, PATCH, DELETE, but was \"" + method + "\"");
    }
    return new WebhookRequest(
        url(step, "url"),
        HttpMethod.valueOf(method),
        Optional.ofNullable(step.params().get("body")),
        step.param("contentType", "application/json"),
        auth(step),
        ExpectedStatus.parse(step.id(), step.param("expectStatus", "2xx")),
        optionalUrl(step, "checkUrl"),
        optionalUrl(step, "awaitUrl"),
        step.number("waitSeconds", 60, 3600),
        Duration.ofSeconds(step.number("timeoutSeconds", 10, 600)),
        step.epoch(),
        Optional.of(step.param("caFile", "").strip()).filter(f -> !f.isEmpty()).map(java.nio.file.Path::of));
  }

  /** The auth headers for {@code target}: none unless it has the origin of {@code url}. */
  MultiMap authFor(URI target) {
    return origin(target).equals(origin(url)) ? auth : MultiMap.caseInsensitiveMultiMap();
  }

  static String origin(URI uri) {
    int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }

  private static MultiMap auth(Step step) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    String token = step.param("bearerToken", "");
    if (!token.isBlank()) {
      headers.set("Authorization", "Bearer " + token.strip());
    }
    String name = step.param("header", "");
    String value = step.param("headerValue", "");
    if (name.isBlank() != value.isEmpty()) {
      throw new IllegalArgumentException("step " + step.id()
          + ": header and headerValue go together; give both or neither");
    }
    if (!name.isBlank()) {
      if (name.strip().equalsIgnoreCase(WebhookAction.EPOCH_HEADER)) {
        throw new IllegalArgumentException("step " + step.id()
            + ": header " + name.strip() + " is drwatch's own (the fencing epoch); pick another name");
      }
      if (headers.contains(name.strip())) {
        throw new IllegalArgumentException("step " + step.id()
            + ": header " + name.strip() + " conflicts with bearerToken; give one of them");
      }
      headers.set(name.strip(), value);
    }
    return headers;
  }

  private static Optional<URI> optionalUrl(Step step, String key) {
    return step.param(key, "").isBlank() ? Optional.empty() : Optional.of(url(step, key));
  }

  private static URI url(Step step, String key) {
    String text = step.param(key);
    try {
      URI uri = new URI(text.strip());
      if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without echoing the URL (it may hold a secret)
    }
    throw new IllegalArgumentException("step " + step.id() + ": " + key
        + " must be an absolute http:// or https:// URL with a host");
  }
}
