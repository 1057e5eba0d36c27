package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.report.ReportFormat;
import io.drwatch.adapter.samples.SampleStore;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.report.AuditReport;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.domain.report.Tier;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML audit report in headless Debian Chromium: two hours of samples with a BROKEN spell, a
 * LAGGING one and an unobserved gap, two drills in the journal. It renders, has the RPO charts, the
 * condition timelines, the run markers and the runs table; keeps {@code target/audit-report.html},
 * {@code target/audit-report-dom.html} and {@code target/audit-report.png}.
 */
class ReportPageIT {
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final long T0 = 1_800_000_000L;

  @TempDir
  Path tmp;

  @Test
  void shouldRenderTheChartsAndTheRunsTableInHeadlessChromium() throws Exception {
    Path chromium = Stream.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"))
        .filter(Files::isExecutable).findFirst().orElse(null);
    Assumptions.assumeTrue(chromium != null, "chromium not installed (Debian package `chromium`)");
    Path state = Files.createDirectories(tmp.resolve("state"));
    DrwatchConfig cfg = ConfigLoader.parse(AuditFixtures.config(state).replace("        state:",
        """
                  - name: cache
                    kind: redis
                    primary: { url: "redis://127.0.0.1:1" }
                    replica: { url: "redis://127.0.0.1:2" }
                    heartbeat: { interval: 1s }
                    objective: { rpo: 1s }
                state:"""), System::getenv);
    writeSamples(state);
    Vertx vertx = TestVertx.create();
    AuditReport report;
    try {
      AuditFixtures.drill(vertx, state, "drill-morning", Instant.ofEpochSecond(T0 + 1800), Duration.ofSeconds(95),
          Duration.ofMillis(900));
      AuditFixtures.drill(vertx, state, "drill-noon", Instant.ofEpochSecond(T0 + 5400), Duration.ofMinutes(3),
          Duration.ofMillis(2600));
      report = AuditEvidence.build(cfg, Duration.ofHours(2), Instant.ofEpochSecond(T0 + 7199),
          AuditEvidence.runs(vertx, state).toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS));
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    Path html = TARGET.resolve("audit-report.html");
    Files.writeString(html, ReportFormat.HTML.render(report), StandardCharsets.UTF_8);

    String dom = browse(chromium, "dom", "--dump-dom", html.toUri().toString());
    Files.writeString(TARGET.resolve("audit-report-dom.html"), dom);
    for (String ch : List.of("db", "cache")) {
      assertThat(dom).containsPattern("<svg[^>]*class=\"chart rpo-chart\"[^>]*data-channel=\"" + ch + "\"");
      assertThat(dom).containsPattern("<svg[^>]*class=\"chart condition-timeline\"[^>]*data-channel=\"" + ch + "\"");
    }
    assertThat(dom).contains("class=\"objective\"", "class=\"rpo-line\"", "data-condition=\"BROKEN\"",
        "data-condition=\"LAGGING\"", "class=\"chart rto-chart\"");
    assertThat(count(dom, "class=\"run-marker\" data-run=\"drill-morning\"")).isEqualTo(3); // 2 RPO + RTO
    Matcher runs = Pattern.compile("<table id=\"runs\">(.*?)</table>", Pattern.DOTALL).matcher(dom);
    assertThat(runs.find()).as("the runs table").isTrue();
    assertThat(runs.group(1)).contains("data-run=\"drill-morning\"", "data-run=\"drill-noon\"",
        "data-mode=\"drill\"", "95.00 s", "180.00 s");
    assertThat(runs.group(1)).containsPattern("class=\"missed\">db 2.60 s");
    // The figures in the channel table: db was BROKEN for 10 min of 2 h, never observed for 5 min.
    assertThat(dom).containsPattern("data-channel=\"db\"><td class=\"l\">db</td>.*?data-percent=\"(\\d+\\.\\d+)\"");
    // Self-contained: nothing is loaded from anywhere (the SVG namespace is a name, not a load).
    assertThat(dom).doesNotContainPattern("(src|href|url)\\s*[=(]\\s*\"?'?https?:").doesNotContain("<script", "<link");

    Path shot = TARGET.resolve("audit-report.png");
    Files.deleteIfExists(shot);
    browse(chromium, "shot", "--screenshot=" + shot, "--window-size=1100,2200", html.toUri().toString());
    assertThat(shot).exists();
    assertThat(Files.size(shot)).isGreaterThan(20_000);
    System.out.printf("audit report: %s, screenshot %s%n", html, shot);
  }

  /** 0-3599 HEALTHY, 3600-4199 BROKEN (RPO climbing), 4200-4499 unobserved, then LAGGING/HEALTHY. */
  private static void writeSamples(Path state) throws Exception {
    List<Span> spans = new ArrayList<>();
    List<RtoSpan> rto = new ArrayList<>();
    for (long i = 0; i < 7200; i++) {
      if (i >= 4200 && i < 4500) {
        continue;
      }
      long t = T0 + i;
      String db = i < 3600 ? "HEALTHY" : i < 4200 ? "BROKEN" : i < 5000 ? "LAGGING" : "HEALTHY";
      long dbMs = i < 3600 ? 900 + i % 300 : i < 4200 ? 1000 + (i - 3600) * 1000 : i < 5000 ? 3500 : 1100;
      spans.add(Span.sample("db", t, db, Optional.of(Duration.ofMillis(dbMs)), Duration.ofSeconds(2)));
      spans.add(Span.sample("cache", t, "HEALTHY", Optional.of(Duration.ofMillis(300 + i % 200)), Duration.ofSeconds(1)));
      rto.add(RtoSpan.sample(t, i >= 3600 && i < 4200 ? Optional.empty() : Optional.of(Duration.ofSeconds(95)),
          Duration.ofMinutes(2)));
    }
    try (SampleStore store = SampleStore.open(state)) {
      store.insert(Tier.SECOND, spans, rto, T0 + 7199);
      store.write(List.of(), List.of());
    }
  }

  private static int count(String s, String needle) {
    return s.split(Pattern.quote(needle), -1).length - 1;
  }

  private String browse(Path chromium, String name, String... args) throws Exception {
    Path profile = Files.createDirectories(tmp.resolve("profile-" + name));
    Path out = tmp.resolve(name + ".out");
    Path err = tmp.resolve(name + ".err");
    List<String> cmd = new ArrayList<>(Files.isExecutable(Path.of("/usr/bin/nice"))
        ? List.of("/usr/bin/nice", "-n", "19") : List.of());
    cmd.addAll(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--user-data-dir=" + profile));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium (%s) exits", name).isTrue();
      assertThat(p.exitValue()).as("chromium (%s): %s", name, Files.readString(err)).isZero();
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
