package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.http.Listener;
import io.drwatch.adapter.http.TestPki;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code drwatch rearm} through a daemon with {@code http.tls}: https, the operator token, and
 * trust in exactly the configured certificate.
 */
class RearmClientTlsTest {
  private final Vertx vertx = TestVertx.create();

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private DrwatchConfig config(TestPki.Leaf leaf, int port) throws Exception {
    return ConfigLoader.parse("""
        http: { host: 127.0.0.1, port: %d, tls: { certFile: "%s", keyFile: "%s" } }
        channels:
          - { name: a, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        runbook:
          token: operator-tok
          steps:
            - { id: promote, action: redis-promote, params: { url: "redis://127.0.0.1:2" }, drill: skip }
        """.formatted(port, leaf.cert(), leaf.key()), Map.<String, String>of()::get);
  }

  // A daemon stand-in serving `served` over https: 200 for the operator token only.
  private void serve(DrwatchConfig config, TestPki.Leaf served) throws Exception {
    Router router = Router.router(vertx);
    router.post("/api/v1/rearm").handler(rc -> {
      boolean operator = "Bearer operator-tok".equals(rc.request().getHeader("Authorization"));
      rc.response().setStatusCode(operator ? 200 : 403).end(operator ? "{\"armed\":true}" : "{}");
    });
    PemKeyCertOptions keys = new PemKeyCertOptions().setCertPath(served.cert().toString())
        .setKeyPath(served.key().toString());
    Listener.listen(vertx, router, config.http(), Optional.of(new Listener.Tls(keys, Optional.empty())))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldPostOverHttpsWithTheOperatorTokenTrustingTheConfiguredCertificate() throws Exception {
    TestPki pki = TestPki.create(dir, "rearm");
    TestPki.Leaf server = pki.leaf("server");
    DrwatchConfig config = config(server, FreePorts.pick());
    serve(config, server);

    assertThat(RearmClient.post(config, "alice")).contains(0);
  }

  @Test
  void shouldRefuseADaemonServingAnotherCertificateEvenFromTheSameCa() throws Exception {
    TestPki pki = TestPki.create(dir, "rearm");
    DrwatchConfig config = config(pki.leaf("server"), FreePorts.pick());
    serve(config, pki.leaf("impostor"));

    assertThat(RearmClient.post(config, "alice")).contains(1);
  }
}
