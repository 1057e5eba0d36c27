package io.drwatch.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.support.TlsTrust;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.lab.TlsFiles;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An https OpenSearch endpoint whose certificate a throwaway CA signed: trusted through its caFile only. */
class OsHttpTlsIT {
  private static Vertx serverVertx;
  private static HttpServer server;
  private static TlsFiles good;
  private static TlsFiles other;

  // Named warmUp for the blocked-thread check: the server's TLS set-up is a cold JVM's one-off cost.
  @BeforeAll
  static void warmUp() throws Exception {
    Path dir = Files.createTempDirectory("drwatch-os-tls-");
    good = TlsFiles.create(dir.resolve("good"), "good");
    other = TlsFiles.create(dir.resolve("other"), "other");
    serverVertx = Vertx.vertx();
    server = serverVertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(
            new PemKeyCertOptions().setCertPath(good.cert().toString()).setKeyPath(good.key().toString())))
        .requestHandler(req -> req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true}"))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    // The first request of a JVM loads the HTTP client's classes on an event loop: pay for it here.
    OsHttp.create(serverVertx, "https://localhost:" + server.actualPort(), OsAuth.none(), Duration.ofSeconds(5),
        Optional.of(TlsTrust.of(Optional.of(good.ca())))).get("/").await(10, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    serverVertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldTrustTheEndpointsCaFileAndNameARefusal() throws Exception {
    Vertx vertx = TestVertx.create();
    try {
      String base = "https://localhost:" + server.actualPort();
      OsHttp trusted = OsHttp.create(vertx, base, OsAuth.none(), Duration.ofSeconds(5),
          Optional.of(TlsTrust.of(Optional.of(good.ca()))));
      assertThat(trusted.get("/").await(10, TimeUnit.SECONDS).status()).isEqualTo(200);
      OsHttp untrusted = OsHttp.create(vertx, base, OsAuth.none(), Duration.ofSeconds(5),
          Optional.of(TlsTrust.of(Optional.of(other.ca()))));
      Throwable err = untrusted.get("/").toCompletionStage().toCompletableFuture().handle((ok, e) -> e)
          .get(10, TimeUnit.SECONDS);
      assertThat(err).isInstanceOf(CodedFailure.class)
          .hasMessage("GET /: TLS: certificate not trusted (PKIX path building failed)");
      assertThat(((CodedFailure) err).code()).isEqualTo(FailureCode.TLS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }
}
