package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.Await;
import io.drwatch.testkit.Cli;
import io.drwatch.testkit.Cli.Result;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole DR cycle of issue 14 on the real lab, through the packaged jar: {@code bin/drwatch lab}
 * (auto mode), kill -9 of the PostgreSQL primary, the automatic failover, UNPROTECTED with the
 * exposure rising, {@code drwatch reprotect} (the lab's agent rebuilds the old primary), HEALTHY with
 * the exposure stopped, {@code drwatch switchover} back with RPO 0 (a canary written after the
 * fence is on the new primary before it is promoted) and its write-unavailable window journaled,
 * then {@code drwatch report --format json} against what the test saw. Needs the reprotect and
 * switchover runbooks (config, modes, pipeline gate, topology fold) and redis-replicaof /
 * redis-failover: on a build without them the test stops where the lab says so.
 */
class LabCycleIT {
  private static final Duration STEP = Duration.ofSeconds(60);
  private static final Pattern CONFIG = Pattern.compile("config +(\\S+)");
  private static final Pattern STATUS = Pattern.compile("status +(http://\\S+)/api/v1/status");
  private static final Pattern PG = Pattern.compile("PostgreSQL (primary|standby) +(postgresql://\\S+)");

  private final HttpClient http = HttpClient.newHttpClient();
  private Process lab;
  private Path labErr;

  @AfterEach
  void stopLab() throws Exception {
    if (lab != null) {
      lab.destroy(); // SIGTERM: the lab's hook stops its servers and removes its dir
      if (!lab.waitFor(30, TimeUnit.SECONDS)) {
        lab.destroyForcibly();
      }
    }
  }

  @Test
  void shouldRunTheWholeCycleOnTheLab() throws Exception {
    labErr = Files.createTempFile("lab-cycle-", ".err");
    lab = new ProcessBuilder(Path.of("bin/drwatch").toAbsolutePath().toString(), "lab", "--port", Integer.toString(io.drwatch.lab.FreePorts.pick()),
        "--interval", "500ms", "--mode", "auto")
        .redirectErrorStream(true).redirectOutput(labErr.toFile()).start();
    Await.until(Duration.ofSeconds(90), "lab ready", () -> err().contains("lab: PostgreSQL agents on"));
    String banner = err();
    String config = find(CONFIG, banner, 1);
    String api = find(STATUS, banner, 1);
    Path labDir = Path.of(config).getParent();
    Path journal = labDir.resolve("state/journal.jsonl");
    String primaryUrl = find(PG, banner, 2);

    awaitConditions(api, "HEALTHY", "HEALTHY");

    // 1. Failover: the primary dies, the auto run promotes the standby and the replica.
    Path pidFile = onlyPgPair(labDir).resolve("primary/postmaster.pid");
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    Await.until(STEP, "lab-postgres UNPROTECTED after the auto failover",
        () -> "UNPROTECTED".equals(condition(api, "lab-postgres")));
    double exposed1 = exposure(api);
    Await.until(Duration.ofSeconds(10), "exposure rising", () -> exposure(api) >= exposed1 + 1.0);

    // Everything from here needs the reprotect and switchover runbooks.
    assertThat(banner).as("the lab loads the reprotect and switchover runbooks")
        .doesNotContain("cannot load the DR cycle's runbooks");

    // 2. Reprotect: the old primary becomes the standby of the new one, Redis follows too.
    Result reprotect = Cli.drwatch(Duration.ofMinutes(3), "reprotect", "--config", config, "--operator", "it");
    assertThat(reprotect.exit()).as(reprotect.out() + reprotect.err()).isZero();
    // The exposure counts until the rebuilt replica reads HEALTHY, then drops to 0 and stays there.
    double[] peak = {exposure(api)};
    Await.until(STEP, "lab-postgres and lab-redis HEALTHY after the reprotect", () -> {
      peak[0] = Math.max(peak[0], exposure(api));
      return "HEALTHY".equals(condition(api, "lab-postgres")) && "HEALTHY".equals(condition(api, "lab-redis"));
    });
    double stopped = peak[0];
    assertThat(stopped).as("exposure rose past the reading before the reprotect").isGreaterThan(exposed1);
    Thread.sleep(1500); // nothing to poll for: the point is that the figure does not move
    assertThat(exposure(api)).as("exposure stopped once HEALTHY again").isZero();
    assertThat(psql(primaryUrl, "SELECT pg_is_in_recovery()")).as("old primary is a standby now").isEqualTo("t");

    // 3. Switchover back: watch the configured primary's canary while it is still a standby.
    AtomicReference<Instant> lastCanaryBeforePromotion = new AtomicReference<>();
    AtomicBoolean watching = new AtomicBoolean(true);
    Thread watcher = new Thread(() -> watchCanary(primaryUrl, watching, lastCanaryBeforePromotion));
    watcher.start();
    Result switchover = Cli.drwatch(Duration.ofMinutes(3), "switchover", "--config", config, "--operator", "it");
    watching.set(false);
    watcher.join(5000);
    assertThat(switchover.exit()).as(switchover.out() + switchover.err()).isZero();
    JsonObject run = runOfMode(api, "switchover");
    Instant fenceVerified = Instant.parse(step(run, "fence-db").getString("endedAt"));
    assertThat(lastCanaryBeforePromotion.get()).as("a canary written after the fence, on the new primary")
        .isNotNull().isAfter(fenceVerified);
    JsonObject measured = journalRecord(journal, "switchover-measured");
    assertThat(measured.getString("rpo")).as("switchover RPO").isEqualTo("PT0S");
    Duration unavailable = Duration.parse(measured.getString("writeUnavailable"));
    assertThat(unavailable).isPositive().isLessThan(Duration.ofSeconds(60));
    System.out.printf("switchover: write-unavailable %d ms%n", unavailable.toMillis());
    awaitConditions(api, "HEALTHY", "HEALTHY");
    assertThat(psql(primaryUrl, "SELECT pg_is_in_recovery()")).isEqualTo("f");

    // 4. The report: every run with its mode, and the exposure the test watched.
    Result report = Cli.drwatch(Duration.ofSeconds(60), "report", "--config", config, "--since", "1h",
        "--format", "json");
    assertThat(report.exit()).as(report.err()).isZero();
    JsonObject figures = new JsonObject(report.out());
    List<String> modes = figures.getJsonArray("runs").stream().map(r -> ((JsonObject) r).getString("mode")).toList();
    assertThat(modes).contains("execute", "reprotect", "switchover");
    JsonObject pgFigures = channelFigures(figures, "lab-postgres");
    double unprotected = pgFigures.getJsonObject("conditionSeconds").getDouble("UNPROTECTED", 0.0);
    assertThat(unprotected).as("UNPROTECTED seconds against the exposure watched").isCloseTo(stopped,
        org.assertj.core.data.Offset.offset(3.0));
    assertThat(pgFigures.getDouble("exposedSeconds")).isCloseTo(stopped, org.assertj.core.data.Offset.offset(3.0));
    JsonArray segments = figures.getJsonObject("series").getJsonObject("channels").getJsonObject("lab-postgres")
        .getJsonArray("conditions");
    // A chart column keeps the worst condition it holds, so the few HEALTHY seconds of this short
    // cycle may hide inside columns; the exposure must show.
    assertThat(segments.stream().map(s -> ((JsonArray) s).getString(2))).contains("UNPROTECTED");
    assertThat(pgFigures.getJsonObject("conditionSeconds").getDouble("HEALTHY", 0.0)).isPositive();
  }

  private String err() throws Exception {
    return Files.readString(labErr, StandardCharsets.UTF_8);
  }

  private static String find(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as(p + " in the lab's banner").isTrue();
    return m.group(group);
  }

  private static Path onlyPgPair(Path labDir) throws Exception {
    try (Stream<Path> pairs = Files.list(labDir.resolve("pg"))) {
      return pairs.filter(p -> p.getFileName().toString().startsWith("pg-pair-")).findFirst().orElseThrow();
    }
  }

  private void awaitConditions(String api, String pg, String redis) throws Exception {
    Await.until(STEP, () -> "lab-postgres " + pg + ", lab-redis " + redis, () ->
        pg.equals(condition(api, "lab-postgres")) && redis.equals(condition(api, "lab-redis")));
  }

  private String condition(String api, String channel) throws Exception {
    return new JsonObject(get(api + "/api/v1/status")).getJsonArray("channels").stream()
        .map(JsonObject.class::cast).filter(c -> channel.equals(c.getString("name")))
        .map(c -> c.getString("condition")).findFirst().orElse("");
  }

  private double exposure(String api) throws Exception {
    Matcher m = Pattern.compile("drwatch_dr_exposure_seconds\\{[^}]*channel=\"lab-postgres\"[^}]*} ([0-9.Ee+-]+)")
        .matcher(get(api + "/metrics"));
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }

  private JsonObject runOfMode(String api, String mode) throws Exception {
    return new JsonObject(get(api + "/api/v1/runs")).getJsonArray("runs").stream().map(JsonObject.class::cast)
        .filter(r -> mode.equals(r.getString("mode"))).findFirst().orElseThrow();
  }

  private static JsonObject step(JsonObject run, String id) {
    return run.getJsonArray("steps").stream().map(JsonObject.class::cast).filter(s -> id.equals(s.getString("step")))
        .findFirst().orElseThrow();
  }

  private static JsonObject journalRecord(Path journal, String type) throws Exception {
    return Files.readAllLines(journal).stream().filter(l -> l.contains("\"type\":\"" + type + "\""))
        .map(JsonObject::new).reduce((a, b) -> b).orElseThrow(() -> new AssertionError("no " + type + " record"));
  }

  private static JsonObject channelFigures(JsonObject report, String channel) {
    return report.getJsonArray("channels").stream().map(JsonObject.class::cast)
        .filter(c -> channel.equals(c.getString("channel"))).findFirst().orElseThrow();
  }

  private String get(String url) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  /** The newest canary visible on the configured primary while it is still in recovery. */
  private static void watchCanary(String url, AtomicBoolean watching, AtomicReference<Instant> seen) {
    while (watching.get()) {
      try {
        String row = psql(url, "SELECT pg_is_in_recovery(), writer_ts FROM drwatch_heartbeat"
            + " WHERE channel = 'lab-postgres'");
        String[] cols = row.split("\\|");
        if (cols.length == 2 && cols[0].equals("t")) {
          seen.set(OffsetDateTime.parse(cols[1].replace(' ', 'T').replaceAll("([+-]\\d\\d)$", "$1:00")).toInstant());
        }
        Thread.sleep(100);
      } catch (Exception e) {
        // a restart or a refused connection: the next round reads again
      }
    }
  }

  private static String psql(String url, String sql) throws Exception {
    Path psql = io.drwatch.lab.Binaries.postgresBin().resolve("psql");
    Process p = new ProcessBuilder(psql.toString(), "-X", "-A", "-t", "-q", "-d", url, "-c", sql)
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }
}
