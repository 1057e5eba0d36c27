package io.drwatch.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.lab.TlsFiles;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A webhook to an https server whose certificate a throwaway CA signed: trusted through the
 * step's {@code caFile}, refused with another CA, and the refusal named. The token comes from a
 * {@code bearerTokenFile}, read on use.
 */
class WebhookTlsIT {
  private static Vertx serverVertx;
  private static HttpServer server;
  private static TlsFiles good;
  private static TlsFiles other;
  private static Path tokenFile;
  private static final Map<String, String> seenAuth = new java.util.concurrent.ConcurrentHashMap<>();

  // Named warmUp for the blocked-thread check: besides starting the servers it takes the cold JVM's
  // one-off TLS and class-loading costs, up to the first settled round.
  @BeforeAll
  static void warmUp() throws Exception {
    Path dir = Files.createTempDirectory("drwatch-webhook-tls-");
    good = TlsFiles.create(dir.resolve("good"), "good");
    other = TlsFiles.create(dir.resolve("other"), "other");
    tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, "first-token\n");
    // The server's own TLS set-up is not under test: a lenient Vert.x of its own.
    serverVertx = Vertx.vertx();
    server = serverVertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(good.cert().toString()).setKeyPath(good.key().toString())))
        .requestHandler(req -> {
          seenAuth.put("last", String.valueOf(req.getHeader("Authorization")));
          req.response().setStatusCode(204).end();
        })
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    serverVertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Step step(Path ca) {
    Map<String, String> params = new HashMap<>(Map.of("url", "https://localhost:" + server.actualPort() + "/hook",
        "caFile", ca.toString(), "bearerTokenFile", tokenFile.toString()));
    return new Step("notify", params, false);
  }

  @Test
  void shouldTrustTheStepsCaFileAndNameARefusal() throws Exception {
    Vertx vertx = TestVertx.create();
    try {
      WebhookAction action = WebhookAction.create(vertx);
      action.apply(step(good.ca())).await(10, TimeUnit.SECONDS);
      assertThat(seenAuth).containsEntry("last", "Bearer first-token");
      Files.writeString(tokenFile, "second-token-rotated\n");
      action.apply(step(good.ca())).await(10, TimeUnit.SECONDS);
      assertThat(seenAuth).containsEntry("last", "Bearer second-token-rotated");
      Throwable refused = action.apply(step(other.ca())).toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> err).get(10, TimeUnit.SECONDS);
      assertThat(refused).hasMessageContaining("POST https://localhost:" + server.actualPort())
          .hasMessageContaining("TLS: certificate not trusted (PKIX path building failed)");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
