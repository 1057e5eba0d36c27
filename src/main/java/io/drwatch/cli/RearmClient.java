package io.drwatch.cli;

import io.drwatch.config.DrwatchConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** {@code drwatch rearm} through a daemon answering on the configured port. */
final class RearmClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private RearmClient() {}

  /** The command's exit code if a daemon answered; empty if nothing listens there. */
  static Optional<Integer> post(DrwatchConfig cfg, String operator) throws InterruptedException {
    String host = cfg.http().host().equals("0.0.0.0") ? "127.0.0.1" : cfg.http().host();
    String scheme = cfg.http().tls().isPresent() ? "https://" : "http://";
    URI uri = URI.create(scheme + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + cfg.http().port() + "/api/v1/rearm");
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
        .header("X-Drwatch-Operator", operator).POST(HttpRequest.BodyPublishers.noBody());
    cfg.runbook().flatMap(r -> r.token())
        .ifPresent(t -> req.header("Authorization", "Bearer " + t.value()));
    HttpResponse<String> resp;
    try {
      HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(TIMEOUT);
      if (cfg.http().tls().isPresent()) {
        client.sslContext(PinnedTls.context(cfg.http().tls().get()));
      }
      resp = client.build().send(req.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.security.GeneralSecurityException e) {
      System.err.println("drwatch rearm: cannot set up TLS to " + uri + ": " + e.getMessage());
      return Optional.of(1);
    } catch (ConnectException e) {
      return Optional.empty();
    } catch (IOException e) {
      System.err.println("drwatch rearm: " + uri + " did not answer properly: " + e.getMessage());
      return Optional.of(1);
    }
    boolean ok = resp.statusCode() == 200;
    (ok ? System.out : System.err).println("daemon at " + uri + " answered " + resp.statusCode()
        + ": " + resp.body().strip());
    // Armed already is not a failure of the command: the state the operator asked for holds.
    return Optional.of(ok || "ALREADY_ARMED".equals(code(resp.body())) ? 0 : 1);
  }

  private static String code(String body) {
    try {
      return new io.vertx.core.json.JsonObject(body).getString("code", "");
    } catch (RuntimeException e) {
      return "";
    }
  }
}
