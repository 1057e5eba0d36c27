package io.drwatch.artefacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigLoader;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.TestVertx;
import io.drwatch.testkit.Tools;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The status page at {@code GET /} in headless Chromium, against a daemon watching a real
 * PostgreSQL primary and standby, with detection on the primary and a drill already run. Keeps
 * {@code target/status-page.png} (the 1280x900 view) and {@code target/status-page-full.png}.
 */
@ExtendWith(PostgresPairExtension.class)
class StatusPageIT {
  private static final String CH = "orders-db";
  private static final String TOKEN = "status-page-it-token";
  private static final Duration BROWSER_TIMEOUT = Duration.ofSeconds(90);
  private static final Path TARGET = Path.of("target").toAbsolutePath();

  @TempDir
  static Path tmp;

  private static HttpServer hook;
  private static Daemon daemon;
  // HTTP/1.1 like the browser: the JDK client would otherwise try an h2c upgrade.
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private static final Path NICE = Path.of("/usr/bin/nice");

  @BeforeAll
  static void start(PostgresPair pg) throws Exception {
    // The drill's webhook steps call this stub: a drill with measured steps, touching nothing.
    hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/", ex -> {
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.start();
    Path state = Files.createDirectories(tmp.resolve("state"));
    daemon = Daemon.start(ConfigLoader.parse(config(pg, state, "http://127.0.0.1:"
        + hook.getAddress().getPort()), System::getenv), TestVertx.options()
        // A blocked event loop is logged with its stack at once, so a failure names the code.
        .setWarningExceptionTime(100).setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    Await.until(Duration.ofSeconds(20), "orders-db HEALTHY with an RPO",
        () -> daemon.board().channel(CH).condition() == ChannelCondition.HEALTHY
            && daemon.board().channel(CH).rpo().isPresent());
    Await.until(Duration.ofSeconds(20), "a detection tick", () -> daemon.detection().latest().isPresent());
    assertThat(post("/api/v1/failover?mode=drill")).isEqualTo(202);
    Await.until(Duration.ofSeconds(30), "the drill to succeed", () -> daemon.runs().orElseThrow().runs()
        .stream().anyMatch(r -> r.state() == RunState.SUCCEEDED));
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (daemon != null) {
        daemon.close();
      }
    } finally {
      if (hook != null) {
        hook.stop(0);
      }
    }
  }

  private static String config(PostgresPair pg, Path state, String hookUrl) {
    return """
        observer: { name: page-it }
        http: { host: 127.0.0.1, port: 0 }
        objectives: { rpo: 5s, rto: 2m }
        channels:
          - name: %s
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 250ms, timeout: 400ms }
            objective: { rpo: 2s }
        detection:
          tick: 500ms
          targets:
            - { name: db-primary, probe: postgres, address: "%s", interval: 500ms, timeout: 400ms,
                failuresToSuspect: 3, channels: [%s] }
          quorum: { require: [probes, replication], minSignals: 2, holdFor: 1s }
        state: { dir: "%s" }
        runbook:
          token: %s
          mode: approval
          maxDataLoss: 5s
          steps:
            - { id: freeze-writes, action: webhook, timeout: 10s, expected: 2s,
                params: { url: "%s/freeze" }, drill: { url: "%s/freeze" } }
            - { id: switch-traffic, action: webhook, after: [freeze-writes], timeout: 10s,
                expected: 5s, params: { url: "%s/switch" }, drill: { url: "%s/switch" } }
            - { id: promote-db, action: pg-promote, channel: %s, after: [switch-traffic], timeout: 30s,
                expected: 2s, params: { url: "%s" }, drill: skip }
        """.formatted(CH, pg.primaryUrl(), pg.standbyUrl(), pg.primaryUrl(), CH, state, TOKEN,
        hookUrl, hookUrl, hookUrl, hookUrl, CH, pg.standbyUrl());
  }

  @Test
  void shouldServeThePageAndItsAssetsWithTheirTypesAndNoCache() throws Exception {
    assertAsset("/", "text/html", "<script src=\"/status.js\"");
    assertAsset("/status.js", "text/javascript", "/api/v1/status");
    assertAsset("/status.css", "text/css", ".badge");
  }

  @Test
  void shouldShowTheChannelRowWithItsConditionAndRpoInHeadlessChromium() throws Exception {
    Path chromium = chromium().orElse(null);
    Tools.require(chromium != null, "chromium (the status page browser test)", "Debian package chromium");
    String url = "http://127.0.0.1:" + daemon.httpPort() + "/";

    String dom = browse(chromium, "dom", "--dump-dom", url);
    Files.writeString(TARGET.resolve("status-page.html"), dom);

    Matcher row = Pattern.compile("<tr[^>]*data-channel=\"" + CH + "\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
        .matcher(dom);
    assertThat(row.find()).as("a row for %s in the dumped DOM (see target/status-page.html)", CH).isTrue();
    String cells = row.group(0);
    assertThat(cells).contains(">" + CH + "<", "data-condition=\"HEALTHY\"", "HEALTHY</span>",
        "of 2.00 s objective");
    Matcher rpoAttr = Pattern.compile("data-rpo-seconds=\"([0-9.eE-]+)\"").matcher(cells);
    assertThat(rpoAttr.find()).as("a numeric RPO on the row: %s", cells).isTrue();
    assertThat(Double.parseDouble(rpoAttr.group(1))).isBetween(0.0, 2.0);
    Matcher rpoText = Pattern.compile("class=\"rpo-value\">([0-9]+\\.[0-9]+) s<").matcher(cells);
    assertThat(rpoText.find()).as("the RPO shown in seconds: %s", cells).isTrue();

    // Live: it redrew from the API more than once without a reload.
    Matcher refreshes = Pattern.compile("data-refreshes=\"([0-9]+)\"").matcher(dom);
    assertThat(refreshes.find()).isTrue();
    assertThat(Integer.parseInt(refreshes.group(1))).isGreaterThanOrEqualTo(2);
    // Votes, the projection and the drill are on the page too.
    assertThat(dom).contains("data-target=\"db-primary\"", "Live", "All 1 channel healthy");
    assertThat(dom).containsPattern("id=\"tile-rto\"[^>]*>.*?Projected RTO.*?[0-9.]+ s");
    assertThat(dom).contains("SUCCEEDED", "data-step=\"freeze-writes\"", "data-step=\"switch-traffic\"");
    assertThat(dom).doesNotContain("Cannot reach the daemon");

    Path shot = TARGET.resolve("status-page.png");
    Files.deleteIfExists(shot);
    browse(chromium, "shot", "--screenshot=" + shot, "--window-size=1280,900", url);
    assertThat(shot).exists();
    assertThat(Files.size(shot)).isGreaterThan(10_000);
    Path full = TARGET.resolve("status-page-full.png");
    browse(chromium, "full", "--screenshot=" + full, "--window-size=1280,2400", url);
    System.out.printf("status page screenshots: %s, %s%n", shot, full);

    assertThat(dom).as("no exposure banner while protected").containsPattern("<p id=\"exposure\"[^>]*hidden");
    shouldShowTheExposureBannerOnceFailedOver(chromium, url);
  }

  // Last, as it ends the pair: a real failover promotes the standby and leaves orders-db without DR.
  private static void shouldShowTheExposureBannerOnceFailedOver(Path chromium, String url) throws Exception {
    assertThat(post("/api/v1/failover?mode=execute")).isEqualTo(202);
    Await.until(Duration.ofSeconds(60), "orders-db UNPROTECTED after the failover",
        () -> daemon.board().channel(CH).condition() == ChannelCondition.UNPROTECTED);

    String dom = browse(chromium, "exposed", "--dump-dom", url);
    Files.writeString(TARGET.resolve("status-page-exposed.html"), dom);
    Matcher banner = Pattern.compile("<p id=\"exposure\"([^>]*)>(.*?)</p>", Pattern.DOTALL).matcher(dom);
    assertThat(banner.find()).as("the exposure banner (see target/status-page-exposed.html)").isTrue();
    assertThat(banner.group(1)).doesNotContain("hidden").contains("data-channels=\"" + CH + "\"");
    assertThat(banner.group(2)).containsPattern("Running without DR since [0-9]{2}:[0-9]{2} UTC \\([0-9]+ s\\): " + CH)
        .contains("<code>drwatch reprotect</code>", "href=\"/api/v1/report?since=30d&amp;format=html\"");
    assertThat(dom).contains("data-condition=\"UNPROTECTED\"");
    browse(chromium, "exposed-shot", "--screenshot=" + TARGET.resolve("status-page-exposed.png"),
        "--window-size=1280,900", url);
  }

  private static void assertAsset(String path, String type, String marker) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + daemon.httpPort() + path)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(res.statusCode()).as(path).isEqualTo(200);
    assertThat(res.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith(type));
    assertThat(res.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
    assertThat(res.body()).as(path).contains(marker);
  }

  private static int post(String path) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + TOKEN)
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  /** One headless Chromium run with its own profile; returns what it printed on stdout. */
  private static String browse(Path chromium, String name, String... args) throws Exception {
    Path profile = Files.createDirectories(tmp.resolve("profile-" + name));
    Path out = tmp.resolve(name + ".out");
    Path err = tmp.resolve(name + ".err");
    // Niced: on two cores a starting browser must not starve the daemon's event loops, which
    // the blocked-thread check watches.
    List<String> cmd = new ArrayList<>(Files.isExecutable(NICE) ? List.of(NICE.toString(), "-n", "19")
        : List.of());
    cmd.addAll(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
        "--virtual-time-budget=5000"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    try {
      if (!p.waitFor(BROWSER_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("chromium (" + name + ") did not exit within " + BROWSER_TIMEOUT.toSeconds()
            + " s; stderr: " + tail(err));
      }
      assertThat(p.exitValue()).as("chromium (%s) exit code; stderr: %s", name, tail(err)).isZero();
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private static String tail(Path file) throws IOException {
    String s = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
  }

  private static Optional<Path> chromium() {
    Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .filter(d -> !d.isBlank())
        .flatMap(d -> Stream.of(Path.of(d, "chromium"), Path.of(d, "chromium-browser")));
    return Stream.concat(Stream.of(Path.of("/usr/bin/chromium")), onPath)
        .filter(Files::isExecutable).findFirst();
  }
}
