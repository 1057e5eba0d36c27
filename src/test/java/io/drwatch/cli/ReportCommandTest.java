package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.coordination.LocalExecutorLease;
import io.drwatch.adapter.samples.SampleStore;
import io.drwatch.domain.report.ProbeErrorChange;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code drwatch report} beside a "daemon": the state-dir lock held and the store open for
 * writing, as while drwatch runs. It reads the store read-only and prints the report.
 */
class ReportCommandTest {
  private final Vertx vertx = TestVertx.create();

  @TempDir
  Path dir;

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  private Path config() throws Exception {
    return Files.writeString(dir.resolve("drwatch.yaml"), """
        state: { dir: "%s" }
        channels:
          - { name: db, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" },
              objective: { rpo: 2s } }
        """.formatted(dir.resolve("state")));
  }

  private record Run(int exit, String out, String err) {}

  private Run report(String... args) {
    ReportCommand cmd = new ReportCommand();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    cmd.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    cmd.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(cmd).execute(args);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintTheReportWhileTheDaemonHoldsTheStateDirAndWritesTheStore() throws Exception {
    Path config = config();
    LocalExecutorLease daemon = new LocalExecutorLease(vertx, dir.resolve("state"), "obs-a");
    daemon.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    long now = Instant.now().getEpochSecond();
    try (SampleStore store = SampleStore.open(dir.resolve("state"))) {
      List<Span> spans = new ArrayList<>();
      for (long t = now - 100; t < now; t++) {
        spans.add(Span.sample("db", t, t < now - 10 ? "HEALTHY" : "BROKEN", Optional.of(Duration.ofMillis(1500)),
            Duration.ofSeconds(2)));
      }
      store.write(spans, List.of(RtoSpan.sample(now - 1, Optional.of(Duration.ofSeconds(40)), Duration.ofMinutes(15))),
          List.of(new ProbeErrorChange("db", now - 10, Optional.of("unreachable"), "refused, port 1"),
              new ProbeErrorChange("db", now - 5, Optional.empty(), "")));

      Run csv = report("--config", config.toString(), "--since", "1h", "--format", "csv");
      assertThat(csv.exit()).as(csv.err()).isZero();
      String[] lines = csv.out().split("\r\n");
      assertThat(lines[0]).startsWith("channel,objective_s,window_s,observed_s,within_objective_s,percent_within");
      assertThat(lines[1]).startsWith("db,2.000,3600,100,90,90.000,1.500,");
      assertThat(lines[0]).endsWith(",condition_seconds,probe_error_episodes,last_probe_error_code,"
          + "last_probe_error_at,last_probe_error_message");
      assertThat(lines[1]).contains(",10,1.500,1.500,1.500,true,BROKEN=10;HEALTHY=90,unreachable=1,unreachable,"
          + Instant.ofEpochSecond(now - 10) + ",\"refused, port 1\"");

      Run html = report("--config", config.toString(), "--since", "1h");
      assertThat(html.exit()).as(html.err()).isZero();
      assertThat(html.out()).startsWith("<!DOCTYPE html>").contains("class=\"chart rpo-chart\"", "id=\"runs\"",
          "<p id=\"probe-errors-db\" data-episodes=\"1\">Probe errors: 1 episode (unreachable 1); last unreachable");
      Run json = report("--config", config.toString(), "--since", "1h", "--format", "json");
      assertThat(new io.vertx.core.json.JsonObject(json.out()).getJsonArray("channels").getJsonObject(0)
          .getJsonObject("probeErrors").getJsonObject("last").getString("clearedAt"))
          .isEqualTo(Instant.ofEpochSecond(now - 5).toString());
    } finally {
      daemon.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void shouldExplainABadSinceAndAMissingStoreWithoutAStackTrace() throws Exception {
    Path config = config();
    Run missing = report("--config", config.toString());
    assertThat(missing.exit()).isEqualTo(ReportCommand.UNAVAILABLE);
    assertThat(missing.err()).startsWith("drwatch report: no samples store at ").doesNotContain("Exception");
    Files.createDirectories(dir.resolve("state"));
    SampleStore.open(dir.resolve("state")).close();
    Run bad = report("--config", config.toString(), "--since", "yesterday");
    assertThat(bad.exit()).isEqualTo(CheckConfigCommand.INVALID);
    assertThat(bad.err()).contains("since: expected a whole number");
    Run format = report("--config", config.toString(), "--format", "pdf");
    assertThat(format.err()).contains("format: expected html, json or csv, but was \"pdf\"");
  }
}
