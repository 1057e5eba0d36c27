package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of the daemon process in the middle of a run, then a restart on the same journal:
 * the finished promotion is not repeated, and the step that was in flight is re-checked (its
 * effect had landed) instead of being applied again.
 */
@ExtendWith(PostgresPairExtension.class)
class CrashResumeIT {
  private static final String TOKEN = "crash-it-token";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  @Test
  void shouldResumeWithoutRepeatingAFinishedStep(PostgresPair pg) throws Exception {
    AtomicInteger hooks = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/notify", ex -> {
      hooks.incrementAndGet();
      awaitQuietly(release); // hold the request: the daemon dies while this step is in flight
      ex.sendResponseHeaders(200, -1);
      ex.close();
    });
    hook.createContext("/notified", ex -> {
      ex.sendResponseHeaders(hooks.get() > 0 ? 200 : 404, -1);
      ex.close();
    });
    hook.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    hook.start();
    int port = FreePorts.pick();
    Path config = Files.writeString(dir.resolve("drwatch.yaml"), config(pg, port, hook.getAddress().getPort()));
    Process first = daemon(config, "first");
    Process second = null;
    try {
      awaitReady(port);
      assertThat(post(port, "/api/v1/failover?mode=execute")).isEqualTo(202);
      Await.until(Duration.ofSeconds(30), () -> hooks.get() == 1);
      first.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      release.countDown();
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).isEqualTo("f");

      second = daemon(config, "second");
      awaitReady(port);
      Await.until(Duration.ofSeconds(30), "run succeeded after restart",
          () -> get(port, "/api/v1/runs").contains("\"state\" : \"SUCCEEDED\""));
      String journal = Files.readString(dir.resolve("state/journal.jsonl"));
      System.out.println("journal after crash and resume:\n" + journal);
      assertThat(count(journal, "\"type\":\"step-started\",[^\\n]*\"step\":\"promote-db\"")).isEqualTo(1);
      assertThat(count(journal, "\"type\":\"step-finished\",[^\\n]*\"step\":\"promote-db\"")).isEqualTo(1);
      assertThat(count(journal, "\"type\":\"step-skipped\",[^\\n]*\"step\":\"notify\"")).isEqualTo(1);
      assertThat(hooks.get()).as("the in-flight webhook is not sent again").isEqualTo(1);
      assertThat(count(journal, "\"type\":\"run-started\"")).isEqualTo(1);
    } finally {
      release.countDown();
      first.destroyForcibly();
      if (second != null) {
        second.destroy();
        second.waitFor(15, TimeUnit.SECONDS);
      }
      hook.stop(0);
    }
  }

  private String config(PostgresPair pg, int port, int hookPort) {
    return """
        http: { host: 127.0.0.1, port: %d }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms }
        state: { dir: "%s" }
        runbook:
          token: %s
          mode: auto
          maxDataLoss: 1h
          steps:
            - { id: promote-db, action: pg-promote, timeout: 30s, params: { url: "%s" } }
            - { id: notify, action: webhook, after: [promote-db], timeout: 60s,
                params: { url: "http://127.0.0.1:%d/notify", checkUrl: "http://127.0.0.1:%d/notified", timeoutSeconds: "60" } }
        """.formatted(port, pg.primaryUrl(), pg.standbyUrl(), dir.resolve("state"), TOKEN,
        pg.standbyUrl(), hookPort, hookPort);
  }

  private Process daemon(Path config, String name) throws IOException {
    return new ProcessBuilder(Path.of("bin/drwatch").toAbsolutePath().toString(), "run", "--config",
        config.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile()).start();
  }

  private void awaitReady(int port) {
    Await.until(Duration.ofSeconds(60), "daemon ready", () -> get(port, "/healthz").startsWith("ok"));
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(3)).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
  }

  private int post(int port, String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    return http.send(req, HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
