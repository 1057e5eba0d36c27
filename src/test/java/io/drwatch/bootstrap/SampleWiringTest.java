package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.samples.SampleReader;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.report.Tier;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sampler on a real Vert.x timer with the blocked-thread check at 100 ms: 70 seconds of a
 * channel's states, read back through {@code GET /api/v1/report} with a drill from the journal.
 */
class SampleWiringTest {
  private static final long T0 = 1_800_000_000L;
  // A blocked event loop is logged with its stack at once, so a failure names the code.
  private final Vertx vertx = Vertx.vertx(TestVertx.options().setWarningExceptionTime(100)
      .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));

  @TempDir
  Path state;

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldSampleEachSecondOffTheEventLoopAndServeTheReportWithTheJournaledDrill() throws Exception {
    DrwatchConfig cfg = ConfigLoader.parse(AuditFixtures.config(state), System::getenv);
    StatusBoard board = DaemonVerticle.board(cfg);
    AuditFixtures.SetClock clock = new AuditFixtures.SetClock(Instant.ofEpochSecond(T0));
    board.update(AuditFixtures.status(board.channel("db"), ChannelCondition.HEALTHY,
        Optional.of(Duration.ofMillis(1000)), clock.instant()));
    AuditFixtures.drill(vertx, state, "drill-1", Instant.ofEpochSecond(T0 + 20), Duration.ofSeconds(90),
        Duration.ofMillis(1500));
    SampleWiring wiring = SampleWiring.create(vertx, cfg, board,
        () -> Optional.of(io.drwatch.domain.runbook.RtoProjector.project(
            io.drwatch.domain.runbook.Runbook.of(java.util.List.of(io.drwatch.domain.runbook.StepSpec.builder("switch",
                "webhook").expected(Duration.ofSeconds(30)).build()), java.util.Set.of("webhook")), Duration.ZERO,
            java.util.List.of(), java.util.List.of())), clock);
    vertx.runOnContext(v -> wiring.start(Duration.ofMillis(20)));
    Await.until(Duration.ofSeconds(10), "the store open", wiring::sampling);
    assertThat(wiring.sampling()).isTrue();

    // 0-49 HEALTHY at 1 s; 50-59 BROKEN at 7 s; 60-69 HEALTHY at 1.5 s.
    for (int i = 0; i < 70; i++) {
      Instant at = Instant.ofEpochSecond(T0 + i);
      ChannelCondition c = i >= 50 && i < 60 ? ChannelCondition.BROKEN : ChannelCondition.HEALTHY;
      long ms = i < 50 ? 1000 : i < 60 ? 7000 : 1500;
      // Its probes time out while BROKEN: one episode, stored when it begins and when it clears.
      Optional<String> error = c == ChannelCondition.BROKEN ? Optional.of("timed out after 2s") : Optional.empty();
      if (error.isPresent()) {
        board.probeError("db", FailureCode.TIMEOUT);
      }
      board.update(AuditFixtures.status(board.channel("db"), c, Optional.of(Duration.ofMillis(ms)), at, error));
      clock.set(at);
      long second = T0 + i;
      Await.until(Duration.ofSeconds(10), "second " + i + " stored", () -> {
        try (SampleReader r = SampleReader.open(state)) {
          return r.spans(Tier.SECOND, second, second + 1).size() == 1;
        }
      });
    }

    Router router = Router.router(vertx);
    wiring.mount(router);
    HttpServer server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    HttpResponse<String> res = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + "/api/v1/report?since=1h"))
            .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
    JsonObject report = new JsonObject(res.body());
    JsonObject db = report.getJsonArray("channels").getJsonObject(0);
    assertThat(db.getString("channel")).isEqualTo("db");
    assertThat(db.getLong("observedSeconds")).isEqualTo(70);
    assertThat(db.getLong("withinObjectiveSeconds")).isEqualTo(60);
    assertThat(db.getLong("exposedSeconds")).isEqualTo(10);
    assertThat(db.getJsonObject("worst").getDouble("seconds")).isEqualTo(7.0);
    assertThat(db.getJsonObject("worst").getString("at")).isEqualTo(Instant.ofEpochSecond(T0 + 50).toString());
    assertThat(db.getJsonObject("rpoPercentiles").getDouble("p50")).isEqualTo(1.0);
    assertThat(db.getJsonObject("rpoPercentiles").getDouble("p99")).isEqualTo(7.0);
    JsonObject errors = db.getJsonObject("probeErrors");
    assertThat(errors.getJsonObject("episodes").getMap()).containsExactly(java.util.Map.entry("timeout", 1));
    assertThat(errors.getJsonObject("last").getMap()).containsEntry("code", "timeout")
        .containsEntry("at", Instant.ofEpochSecond(T0 + 50).toString()).containsEntry("message", "timed out after 2s")
        .containsEntry("clearedAt", Instant.ofEpochSecond(T0 + 60).toString());
    try (SampleReader r = SampleReader.open(state)) {
      assertThat(r.probeErrors(T0, T0 + 70)).extracting(e -> e.at(), e -> e.code())
          .containsExactly(org.assertj.core.groups.Tuple.tuple(T0 + 50, Optional.of("timeout")),
              org.assertj.core.groups.Tuple.tuple(T0 + 60, Optional.empty()));
    }
    JsonObject run = report.getJsonArray("runs").getJsonObject(0);
    assertThat(run.getString("runId")).isEqualTo("drill-1");
    assertThat(run.getString("mode")).isEqualTo("drill");
    assertThat(run.getDouble("rtoSeconds")).isEqualTo(90.0);
    assertThat(run.getBoolean("rtoMet")).isTrue(); // objective 2m
    assertThat(run.getJsonObject("rpo").getJsonObject("db").getBoolean("met")).isTrue(); // 1.5 s of 2 s
    assertThat(report.getJsonObject("rto").getDouble("latestSeconds")).isEqualTo(30.0);

    HttpResponse<String> bad = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
        "http://127.0.0.1:" + server.actualPort() + "/api/v1/report?since=forever")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(new JsonObject(bad.body()).getString("code")).isEqualTo("bad_params");
    wiring.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
