package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.Cli;
import io.drwatch.testkit.PostgresPairExtension;
import io.vertx.core.json.JsonObject;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator-only runbooks through the real HTTP API and the packaged CLI, on real PostgreSQL:
 * a refused reprotect, a switchover whose webhook fence is followed by a canary on the standby
 * (RPO 0 proven) and a real pg-promote, then a reprotect refused: a switchover leaves the channel
 * protected (the reprotect success path runs in OperatorRunsTest and LabCycleIT).
 */
@ExtendWith(PostgresPairExtension.class)
class OperatorRunsIT {
  private static final String TOKEN = "operator-runs-it";

  @TempDir
  Path dir;

  private HttpServer hooks;
  private final List<String> called = new CopyOnWriteArrayList<>();

  @BeforeEach
  void startHooks() throws Exception {
    hooks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hooks.createContext("/", ex -> {
      called.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hooks.start();
  }

  @AfterEach
  void stopHooks() {
    hooks.stop(0);
  }

  @Test
  void shouldRefuseThenSwitchOverWithRpoZeroThenReprotect(PostgresPair pg) throws Exception {
    int port = FreePorts.pick();
    Path config = dir.resolve("drwatch.yaml");
    Files.writeString(config, config(pg, port));
    try (DaemonHarness d = DaemonHarness.start(Files.readString(config))) {
      Await.until(Duration.ofSeconds(15), () -> d.status("orders-db").rpo().isPresent());

      Cli.Result nothing = Cli.drwatch(Duration.ofSeconds(60), "reprotect", "--config", config.toString(),
          "--operator", "ann");
      assertThat(nothing.exit()).as(nothing.err()).isEqualTo(2);
      assertThat(nothing.err()).contains("refused (409)", "nothing to reprotect: no channel is UNPROTECTED");
      assertThat(post(port, "/api/v1/switchover", "{\"operator\":", TOKEN).statusCode()).isEqualTo(400);
      assertThat(post(port, "/api/v1/switchover", "", null).statusCode()).isEqualTo(401);

      Cli.Result sw = Cli.drwatch(Duration.ofSeconds(90), "switchover", "--config", config.toString(),
          "--operator", "ann");
      System.out.println(sw.out() + sw.err());
      assertThat(sw.exit()).as(sw.out() + sw.err()).isZero();
      String runId = sw.out().lines().findFirst().orElseThrow().replaceAll("^switchover run (\\S+) started$", "$1");
      assertThat(runId).startsWith("sw-");
      assertThat(sw.out()).contains("  step fence: FINISHED", "  step promote-db: FINISHED",
          "run " + runId + " SUCCEEDED", "switchover " + runId + ": write-unavailable ",
          "RPO 0 (canary after fence seen on replica)");
      assertThat(called).contains("POST /fence");
      assertThat(pg.psqlStandby("SELECT pg_is_in_recovery()").strip()).as("the standby was promoted").isEqualTo("f");

      JsonObject run = new JsonObject(d.get("/api/v1/runs/" + runId));
      assertThat(run.getString("mode")).isEqualTo("switchover");
      JsonObject measured = run.getJsonObject("switchover");
      assertThat(measured.getDouble("rpoSeconds")).isZero();
      assertThat(measured.getBoolean("proven")).isTrue();
      double window = measured.getDouble("writeUnavailableSeconds");
      assertThat(window).isPositive().isLessThan(30);
      assertThat(run.getJsonObject("measured").getDouble("rtoSeconds")).isEqualTo(window);
      System.out.printf("switchover write-unavailable %.3f s%n", window);

      // A switchover leaves the channel protected, read in its new direction at once (Topology):
      // this runbook did not re-point the old primary, so the channel reads what it is, not UNPROTECTED,
      // and there is nothing for a reprotect to do.
      Await.until(Duration.ofSeconds(10), "orders-db read in its new direction",
          () -> new JsonObject(d.get("/api/v1/status")).getJsonObject("exposure") == null
              && !d.status("orders-db").condition().name().equals("UNPROTECTED"));
      Cli.Result rp = Cli.drwatch(Duration.ofSeconds(60), "reprotect", "--config", config.toString(),
          "--operator", "bob");
      assertThat(rp.exit()).as(rp.out() + rp.err()).isEqualTo(2);
      assertThat(rp.err()).contains("refused (409)", "nothing to reprotect");
      assertThat(called).doesNotContain("POST /rebuild");
      assertThat(d.runs()).extracting(r -> r.mode().word() + ":" + r.state())
          .containsExactly("switchover:SUCCEEDED");
    }
    String journal = Files.readString(dir.resolve("state/journal.jsonl"));
    assertThat(journal).contains("\"type\":\"switchover-measured\"", "\"rpo\":\"PT0S\"",
        "\"type\":\"direction-flipped\"", "\"channels\":[\"orders-db\"]", "\"mode\":\"switchover\"");
  }

  private static HttpResponse<String> post(int port, String path, String body, String token) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      req.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  private String config(PostgresPair pg, int port) {
    String hook = "http://127.0.0.1:" + hooks.getAddress().getPort();
    return """
        observer: { name: obs-a }
        http: { host: 127.0.0.1, port: %d }
        objectives: { rpo: 5s, rto: 2m }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 300ms, timeout: 400ms }
        detection:
          tick: 500ms
          targets:
            - { name: db-primary, probe: postgres, address: "%s", interval: 500ms, timeout: 400ms,
                failuresToSuspect: 3, channels: [orders-db] }
          quorum: { require: [probes, replication], minSignals: 2, holdFor: 1s }
        state: { dir: "%s" }
        runbook:
          token: %s
          mode: approval
          steps:
            - { id: promote-db, action: pg-promote, channel: orders-db, timeout: 30s, drill: skip,
                params: { url: "%s" } }
          reprotect:
            steps:
              - { id: rebuild, action: webhook, channel: orders-db, params: { url: "%s/rebuild" } }
          switchover:
            drainWait: 20s
            steps:
              - { id: fence, action: webhook, fence: true, params: { url: "%s/fence" } }
              - { id: promote-db, action: pg-promote, channel: orders-db, timeout: 30s,
                  params: { url: "%s" } }
        """.formatted(port, pg.primaryUrl(), pg.standbyUrl(), pg.primaryUrl(), dir.resolve("state"), TOKEN,
        pg.standbyUrl(), hook, hook, pg.standbyUrl());
  }
}
