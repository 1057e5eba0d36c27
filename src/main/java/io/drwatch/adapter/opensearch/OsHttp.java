package io.drwatch.adapter.opensearch;

import io.drwatch.adapter.support.HttpJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.drwatch.adapter.support.BoundedRequest;
import io.drwatch.adapter.support.TlsFailures;
import io.drwatch.adapter.support.TlsTrust;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One cluster's REST API: a request with auth and a timeout, answered as status + body. Transport
 * failures and timeouts fail with a short reason naming method and path; HTTP errors are answers,
 * the caller decides. Bodies are read up to {@value #MAX_READ} bytes (a status document is small).
 */
final class OsHttp implements AutoCloseable {
  private static final int MAX_READ = 256 * 1024;

  /** An answer: status and body text. */
  record Reply(int status, String body) {
    /** The body as a JSON object, or an empty one if it is not JSON (a proxy's HTML page). */
    JsonObject json() {
      try {
        return new JsonObject(body);
      } catch (DecodeException | ClassCastException e) {
        return new JsonObject();
      }
    }

    /** The first 200 characters on one line, for messages. */
    String quoted() {
      String text = body.strip().replaceAll("\\s+", " ");
      return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
  }

  private final Optional<TlsTrust> trust;
  private final Vertx vertx;
  private final HttpClientAgent client;
  private final String base;
  private final OsAuth auth;
  private final Duration timeout;

  OsHttp(Vertx vertx, HttpClientAgent client, String baseUrl, OsAuth auth, Duration timeout) {
    this(vertx, client, baseUrl, auth, timeout, Optional.empty());
  }

  private OsHttp(Vertx vertx, HttpClientAgent client, String baseUrl, OsAuth auth, Duration timeout,
      Optional<TlsTrust> trust) {
    this.trust = trust;
    this.vertx = vertx;
    this.client = client;
    this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.auth = auth;
    this.timeout = timeout;
  }

  static OsHttp create(Vertx vertx, String baseUrl, OsAuth auth, Duration timeout) {
    return create(vertx, baseUrl, auth, timeout, Optional.empty());
  }

  /** @param trust checks an https server's certificate (its {@code caFile}); empty: the JVM trust store */
  static OsHttp create(Vertx vertx, String baseUrl, OsAuth auth, Duration timeout, Optional<TlsTrust> trust) {
    HttpClientOptions options = new HttpClientOptions()
        .setKeepAlive(true)
        .setConnectTimeout((int) Math.max(1, timeout.toMillis()))
        .setVerifyHost(true);
    trust.ifPresent(t -> options.setTrustOptions(t.options()));
    return new OsHttp(vertx, vertx.createHttpClient(options), baseUrl, auth, timeout, trust);
  }

  String base() {
    return base;
  }

  /** A path segment (index name, document id), percent-encoded. */
  static String seg(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Future<Reply> get(String path) {
    return send(HttpMethod.GET, path, null);
  }

  /** One bounded request; {@code json} is the body (null for none). */
  Future<Reply> send(HttpMethod method, String path, String json) {
    URI uri = URI.create(base + path);
    byte[] body = json == null ? null : json.getBytes(StandardCharsets.UTF_8);
    Map<String, String> extra = new LinkedHashMap<>();
    if (body != null) {
      extra.put("Content-Type", "application/json");
    }
    long ms = timeout.toMillis();
    // The first handshake of a JVM would initialise TLS on the event loop: warm it on a worker.
    Future<Void> ready = "https".equals(uri.getScheme()) ? TlsTrust.warmed(vertx) : Future.succeededFuture();
    return ready.compose(v -> auth.headers(vertx, method.name(), uri, extra, body))
        .compose(signed -> {
          RequestOptions options = BoundedRequest.options(method, uri, timeout)
              .putHeader("Accept", "application/json");
          extra.forEach(options::putHeader);
          signed.forEach(options::putHeader);
          return BoundedRequest.send(vertx, client, options, Optional.ofNullable(body).map(Buffer::buffer), MAX_READ)
              .map(a -> new Reply(a.status(), a.body()));
        })
        .timeout(ms, TimeUnit.MILLISECONDS)
        .recover(err -> Future.failedFuture(TlsFailures.coded(err, trust)
            .<Throwable>map(tls -> tls.withMessage(method.name() + " " + path + ": " + tls.getMessage()))
            .orElseGet(() -> HttpJson.transport(err, method.name() + " " + path, timeout))));
  }


  @Override
  public void close() {
    client.close();
  }
}
