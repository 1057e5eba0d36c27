package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigLoader;
import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PfxOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code drwatch health} against a real daemon, a listener that answers 503, nothing, and TLS. */
class HealthCommandTest {
  private static Path config;
  private static Daemon daemon;
  private final Vertx vertx = TestVertx.create();

  @TempDir
  Path dir;

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  record Run(int exit, String out, String err) {}

  private static synchronized Run health(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      String[] all = new String[args.length + 1];
      all[0] = "health";
      System.arraycopy(args, 0, all, 1, args.length);
      int exit = Main.commandLine().execute(all);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private HttpServer answering(int status, String body, HttpServerOptions options) throws Exception {
    return vertx.createHttpServer(options)
        .requestHandler(req -> req.response().setStatusCode(status).end(req.path() + " " + body))
        .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
  }

  /**
   * A real daemon, up and through its first probe round (/readyz) before any test: its cold start
   * (Netty's DNS resolver, first connections) is the warm-up's, not the health command's.
   */
  @BeforeAll
  static void warmUp(@TempDir Path home) throws Exception {
    config = Files.writeString(home.resolve("drwatch.yaml"), """
        http: { host: 0.0.0.0, port: %d }
        state: { dir: "%s" }
        channels:
          - { name: db, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        """.formatted(FreePorts.pick(), home.resolve("state")));
    daemon = Daemon.start(ConfigLoader.parse(Files.readString(config), System::getenv), TestVertx.options());
    Await.until(Duration.ofSeconds(30), "the daemon's first probe round",
        () -> health("--config", config.toString(), "--ready").exit() == 0);
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  @Test
  void aRunningDaemonIsHealthyThroughItsConfig() {
    Run run = health("--config", config.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("http://127.0.0.1:" + daemon.httpPort() + "/healthz answered 200: ok");
    Run ready = health("--url", "http://127.0.0.1:" + daemon.httpPort(), "--ready");
    assertThat(ready.exit()).as(ready.err()).isZero();
    assertThat(ready.out()).contains("/readyz answered 200: ready");
  }

  @Test
  void anythingButTwoHundredIsUnhealthy() throws Exception {
    HttpServer server = answering(503, "not ready: waiting", new HttpServerOptions());
    String url = "http://127.0.0.1:" + server.actualPort();
    Run ready = health("--url", url, "--ready");
    assertThat(ready.exit()).isEqualTo(1);
    assertThat(ready.err()).contains(url + "/readyz answered 503: /readyz not ready: waiting");
    Run path = health("--url", url, "--path", "/api/v1/health/standby-ready");
    assertThat(path.exit()).isEqualTo(1);
    assertThat(path.err()).contains("/api/v1/health/standby-ready answered 503");
  }

  @Test
  void nothingListeningIsUnhealthyWithAClearReason() {
    String url = "http://127.0.0.1:" + FreePorts.pick();
    Run run = health("--url", url, "--timeout", "2s");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("nothing answers at " + url + "/healthz (connection refused)");
  }

  @Test
  void httpsIsCheckedAgainstTheGivenCaBundle() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Path ca = dir.resolve("ca.pem");
    keytool("-genkeypair", "-alias", "drwatch", "-keyalg", "EC", "-dname", "CN=localhost",
        "-ext", "san=ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(), "-storepass", "changeit");
    keytool("-exportcert", "-rfc", "-alias", "drwatch", "-keystore", keystore.toString(),
        "-storepass", "changeit", "-file", ca.toString());
    HttpServer server = answering(200, "ok", new HttpServerOptions().setSsl(true)
        .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword("changeit")));
    String url = "https://127.0.0.1:" + server.actualPort();

    Run trusted = health("--url", url, "--cacert", ca.toString());
    assertThat(trusted.exit()).as(trusted.err()).isZero();
    assertThat(trusted.out()).contains(url + "/healthz answered 200");

    Run untrusted = health("--url", url);
    assertThat(untrusted.exit()).isEqualTo(1);
    assertThat(untrusted.err()).contains("drwatch health: " + url + "/healthz").containsIgnoringCase("certif");
  }

  private static void keytool(String... args) throws Exception {
    List<String> cmd = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
  }
}
