package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.app.ingest.TestEvents;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.PostgresPairExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code drwatch drill --config F} beside a production daemon running on the same F, both as
 * packaged-jar processes: the production daemon (approval mode) has declared an outage of a target
 * that is really down and its automatic run waits in AWAITING_APPROVAL, consuming an SQS queue.
 * The drill must promote only its own drill standby, skip what it may not drill, journal only to
 * drill-journal.jsonl, consume none of the queue's events and leave the production run, the
 * production standby, journal, latch and blockers as they were.
 */
@ExtendWith(PostgresPairExtension.class)
class DrillIsolationIT {
  private static final String TOKEN = "drill-isolation-token";
  private static final int EVENTS = 10;
  private static final String REGION = "us-east-1";
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir
  Path dir;

  @Test
  void shouldDrillBesideAWaitingProductionRunWithoutTouchingItsTargetsJournalOrEvents(PostgresPair pg)
      throws Exception {
    long t0 = System.nanoTime();
    Sink sink = Sink.start();
    Process production = null;
    Process drill = null;
    try (PostgresPair drillPair = PostgresPair.start(Path.of(System.getProperty("java.io.tmpdir")), 0, 0, Duration.ZERO);
        MotoServer moto = MotoServer.start();
        AwsClients aws = AwsClients.create(AwsSettings.DEFAULT,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
        SqsAsyncClient sqs = aws.configure(SqsAsyncClient.builder(),
            new AwsEndpoint(REGION, Optional.of(moto.endpoint()))).build()) {
      System.out.printf("[+%d ms] drill pair, moto up%n", Await.elapsedMillis(t0));
      String queueUrl = sqs.createQueue(r -> r.queueName("drwatch-events-" + UUID.randomUUID()))
          .get(10, TimeUnit.SECONDS).queueUrl();
      int port = FreePorts.pick();
      int downPort = FreePorts.pick(); // nothing listens here: the detection target is really down
      Path state = dir.resolve("state");
      Path config = Files.writeString(dir.resolve("drwatch.yaml"),
          config(pg, drillPair, port, downPort, state, queueUrl, moto.endpoint(), sink.port()));

      // 1. Production: the outage is declared and the automatic run waits for an approval.
      production = jar(dir.resolve("production"), "run", "--config", config.toString());
      Process prod = production;
      Await.until(Duration.ofSeconds(90), "production daemon ready",
          () -> alive(prod, "production") && get(port, "/healthz").startsWith("ok"));
      Await.until(Duration.ofSeconds(60), "an automatic run awaiting approval", () -> awaiting(port) != null);
      JsonObject waiting = awaiting(port);
      String productionRun = waiting.getString("id");
      System.out.printf("[+%d ms] production run %s %s%n", Await.elapsedMillis(t0), productionRun,
          waiting.getString("state"));
      assertThat(waiting.getString("mode")).isEqualTo("execute");
      Path journal = state.resolve("journal.jsonl");
      byte[] journalBefore = Files.readAllBytes(journal);
      assertThat(new String(journalBefore, StandardCharsets.UTF_8))
          .as("the production journal holds the waiting run").contains(productionRun);
      double sqsBefore = sqsAccepted(port);
      assertThat(sqsBefore).as("nothing sent to the queue yet").isZero();
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).isEqualTo("t");
      assertThat(drillPair.psqlStandby("select pg_is_in_recovery()")).isEqualTo("t");

      // 2. The drill, on the same config file, beside it.
      long drillStarted = System.nanoTime();
      drill = jar(dir.resolve("drill"), "drill", "--config", config.toString());
      Process dr = drill;
      // The drill is mid-run: its own webhook step is held by the sink until we let it go.
      Path drillErr = dir.resolve("drill.err");
      Await.until(Duration.ofSeconds(90), "the drill's notify webhook (or a production one, or its exit)",
          () -> sink.hits("/drill/notify") == 1 || !sink.production().isEmpty() || !dr.isAlive()
              || Files.readString(drillErr).contains(productionRun));
      assertThat(Files.readString(drillErr)).as("the drill's log: it never adopts the production run")
          .doesNotContain(productionRun);
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).as("the production standby during the drill")
          .isEqualTo("t");
      assertThat(sink.production()).as("production webhooks called during the drill").isEmpty();
      assertThat(dr.isAlive()).as("the drill runs, held at its own notify webhook").isTrue();
      System.out.printf("[+%d ms] drill held at notify%n", Await.elapsedMillis(t0));
      for (int i = 0; i < EVENTS; i++) {
        String body = TestEvents.health("drill-isolation-" + i).encode();
        sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(body)).get(10, TimeUnit.SECONDS);
      }
      // Someone took (received, ingested, deleted) every message while the drill ran...
      Await.until(Duration.ofSeconds(60), "every message consumed", () -> remaining(sqs, queueUrl) == 0);
      assertThat(drill.isAlive()).as("the drill was running while the queue drained").isTrue();
      // ...and it was production, all of them: the drill consumed none.
      assertThat(sqsAccepted(port) - sqsBefore).as("events production counted from SQS (of %d sent)", EVENTS)
          .isEqualTo(EVENTS);
      sink.release();
      assertThat(drill.waitFor(120, TimeUnit.SECONDS)).as("drill exits").isTrue();
      long drillMs = Await.elapsedMillis(drillStarted);
      String out = Files.readString(dir.resolve("drill.out"));
      String err = Files.readString(drillErr);
      System.out.printf("[+%d ms] drill exited %d after %d ms:%n%s%n", Await.elapsedMillis(t0),
          drill.exitValue(), drillMs, out);

      // The drill succeeded and its run is in the drill journal only.
      assertThat(drill.exitValue()).as(out + err).isZero();
      Matcher m = Pattern.compile("(?m)^drill (\\S+): SUCCEEDED$").matcher(out);
      assertThat(m.find()).as(out).isTrue();
      String drillRun = m.group(1);
      assertThat(out + err).as("the drill's output never names the production run").doesNotContain(productionRun);
      assertThat(err).contains(
          "warning: runbook.steps[2] (dial-traffic): will not drill: drill: skip",
          "warning: runbook.steps[3] (page-oncall): will not drill: no drill: block (add one, or drill: skip)");
      String drillJournal = Files.readString(state.resolve("drill-journal.jsonl"));
      List<JsonObject> drillRecords = records(drillJournal, drillRun);
      assertThat(drillRecords).extracting(r -> r.getString("type"))
          .contains("run-started", "run-finished", "run-measured");
      assertThat(record(drillRecords, "run-finished", null).getString("outcome")).isEqualTo("succeeded");
      assertThat(record(drillRecords, "step-finished", "promote-db")).isNotNull();
      assertThat(record(drillRecords, "step-finished", "notify")).isNotNull();
      assertThat(record(drillRecords, "step-skipped", "page-oncall").getString("message"))
          .isEqualTo("not drilled: no drill params (drill: skip, or no drill: block)");
      assertThat(record(drillRecords, "step-skipped", "dial-traffic").getString("message"))
          .startsWith("not drilled");
      assertThat(drillRecords).as("no undrilled step started")
          .noneMatch(r -> r.getString("type").equals("step-started")
              && List.of("page-oncall", "dial-traffic").contains(r.getString("step")));

      // The drill promoted its own standby and nothing of production's.
      assertThat(drillPair.psqlStandby("select pg_is_in_recovery()")).as("the drill standby").isEqualTo("f");
      assertThat(pg.psqlStandby("select pg_is_in_recovery()")).as("the production standby").isEqualTo("t");
      assertThat(sink.hits("/drill/notify")).isEqualTo(1);
      assertThat(sink.production()).as("production webhooks called by the drill").isEmpty();

      // Production: journal byte-for-byte unchanged, run still waiting, every event its own.
      assertThat(Files.readAllBytes(journal)).as("production journal.jsonl after the drill")
          .isEqualTo(journalBefore);
      assertThat(new String(journalBefore, StandardCharsets.UTF_8)).doesNotContain(drillRun);
      assertThat(alive(production, "production")).isTrue();
      JsonObject after = new JsonObject(get(port, "/api/v1/runs/" + productionRun));
      assertThat(after.getString("state")).as(after.encodePrettily()).isEqualTo("AWAITING_APPROVAL");
      assertThat(after.getJsonArray("steps")).allSatisfy(s ->
          assertThat(((JsonObject) s).getString("state")).isEqualTo("PLANNED"));
      assertThat(new JsonObject(get(port, "/api/v1/runs")).getJsonArray("runs"))
          .as("production knows no drill run").hasSize(1);
      assertThat(sqsAccepted(port) - sqsBefore).isEqualTo(EVENTS);

      // No cooldown and no latch from the drill: production is still blocked only by its waiting run.
      // (While a run is active the pipeline reports the run, not the cooldown gate; the cooldown
      // clock and the latch are rebuilt from journal.jsonl, which the byte check above covers.)
      JsonObject status = new JsonObject(get(port, "/api/v1/status"));
      String shadow = status.getJsonObject("detection").getString("shadow");
      assertThat(shadow).as("blockers").contains("blocked by", productionRun, "AWAITING_APPROVAL")
          .doesNotContainIgnoringCase("cooldown");
      assertThat(status.getJsonObject("failover").getBoolean("armed")).as(status.getJsonObject("failover").encode())
          .isTrue();
      assertThat(status.encode()).doesNotContainIgnoringCase("cooldown");
      System.out.printf("[+%d ms] done; production shadow: %s%n", Await.elapsedMillis(t0), shadow);
    } catch (AssertionError | Exception e) {
      throw new AssertionError(e.getMessage() + "\n--- production log tail:\n" + tail(dir.resolve("production.err"))
          + "\n--- drill stdout:\n" + tail(dir.resolve("drill.out"))
          + "\n--- drill stderr:\n" + tail(dir.resolve("drill.err")), e);
    } finally {
      sink.release();
      if (drill != null) {
        drill.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      if (production != null) {
        production.destroy();
        if (!production.waitFor(15, TimeUnit.SECONDS)) {
          production.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      sink.stop();
    }
  }

  private static String config(PostgresPair pg, PostgresPair drillPair, int port, int downPort, Path state,
      String queueUrl, URI moto, int sinkPort) {
    String sink = "http://127.0.0.1:" + sinkPort;
    return """
        observer: { name: prod-a }
        http: { host: 127.0.0.1, port: %d }
        objectives: { rpo: 5s, rto: 5m }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms, timeout: 400ms }
        detection:
          tick: 500ms
          targets:
            - { name: primary-edge, probe: tcp, address: "127.0.0.1:%d", interval: 500ms, timeout: 400ms,
                failuresToSuspect: 1 }
          quorum: { require: [probes], minSignals: 1, holdFor: 1s }
          events:
            primaryRegion: %s
            sqs:
              - { queueUrl: "%s", region: %s, endpointOverride: "%s" }
        state: { dir: "%s" }
        runbook:
          token: %s
          mode: approval
          maxDataLoss: 1h
          cooldown: 30m
          steps:
            - { id: promote-db, action: pg-promote, channel: orders-db, timeout: 30s, expected: 2s,
                params: { url: "%s" },
                drill: { url: "%s" } }
            - { id: notify, action: webhook, after: [promote-db], timeout: 60s,
                params: { url: "%s/prod/notify" },
                drill: { url: "%s/drill/notify", timeoutSeconds: "60" } }
            - { id: dial-traffic, action: webhook, after: [promote-db],
                params: { url: "%s/prod/dial" },
                drill: skip }
            - { id: page-oncall, action: webhook, after: [notify],
                params: { url: "%s/prod/page" } }
        """.formatted(port, pg.primaryUrl(), pg.standbyUrl(), downPort, REGION, queueUrl, REGION, moto,
        state, TOKEN, pg.standbyUrl(), drillPair.standbyUrl(), sink, sink, sink, sink);
  }

  /** {@code bin/drwatch args...} with its own stdout/stderr files, and credentials moto accepts. */
  private static Process jar(Path logBase, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of("bin/drwatch").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .redirectOutput(Path.of(logBase + ".out").toFile())
        .redirectError(Path.of(logBase + ".err").toFile());
    Map<String, String> env = pb.environment();
    // The same environment for both: a drill that consumed SQS could, so the count can tell.
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_REGION", REGION);
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return pb.start();
  }

  private static boolean alive(Process p, String what) {
    if (!p.isAlive()) {
      throw new AssertionError(what + " exited with " + p.exitValue());
    }
    return true;
  }

  /** The production run awaiting approval, or null. */
  private JsonObject awaiting(int port) throws IOException, InterruptedException {
    JsonArray runs = new JsonObject(get(port, "/api/v1/runs")).getJsonArray("runs");
    for (int i = 0; i < runs.size(); i++) {
      if ("AWAITING_APPROVAL".equals(runs.getJsonObject(i).getString("state"))) {
        return runs.getJsonObject(i);
      }
    }
    return null;
  }

  private double sqsAccepted(int port) throws IOException, InterruptedException {
    for (String line : get(port, "/metrics").split("\n")) {
      if (line.startsWith("drwatch_events_received_total{") && line.contains("source=\"sqs\"")
          && line.contains("outcome=\"accepted\"")) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no drwatch_events_received_total{source=\"sqs\",outcome=\"accepted\"} sample");
  }

  /** Visible plus in-flight messages: 0 once every message was received and deleted. */
  private static int remaining(SqsAsyncClient sqs, String queueUrl) throws Exception {
    Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).get(10, TimeUnit.SECONDS).attributes();
    return Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  private static List<JsonObject> records(String journal, String runId) {
    return journal.lines().filter(l -> !l.isBlank()).map(JsonObject::new)
        .filter(r -> runId.equals(r.getString("runId"))).toList();
  }

  /** The first record of {@code type} (for {@code step}, if given); fails naming what is missing. */
  private static JsonObject record(List<JsonObject> records, String type, String step) {
    return records.stream().filter(r -> r.getString("type").equals(type))
        .filter(r -> step == null || step.equals(r.getString("step"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + (step == null ? "" : " of " + step)
            + " in the drill journal: " + records));
  }

  private String get(int port, String path) throws IOException, InterruptedException {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
    if (res.statusCode() != 200) {
      throw new IOException(path + " answered " + res.statusCode() + ": " + res.body());
    }
    return res.body();
  }

  private static String tail(Path file) {
    try {
      String all = Files.readString(file);
      return all.substring(Math.max(0, all.length() - 4000));
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  /** Counts requests per path; holds {@code /drill/notify} until released, so the drill stays mid-run. */
  private static final class Sink {
    private final HttpServer server;
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private Sink(HttpServer server) {
      this.server = server;
    }

    static Sink start() throws IOException {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      Sink sink = new Sink(server);
      server.createContext("/", ex -> {
        String path = ex.getRequestURI().getPath();
        sink.hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (path.equals("/drill/notify")) {
          try {
            sink.release.await(60, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        ex.sendResponseHeaders(200, -1);
        ex.close();
      });
      server.setExecutor(Executors.newCachedThreadPool());
      server.start();
      return sink;
    }

    int port() {
      return server.getAddress().getPort();
    }

    int hits(String path) {
      AtomicInteger n = hits.get(path);
      return n == null ? 0 : n.get();
    }

    /** Paths of production's webhooks that were called. */
    List<String> production() {
      return hits.keySet().stream().filter(p -> p.startsWith("/prod/")).sorted().toList();
    }

    void release() {
      release.countDown();
    }

    void stop() {
      server.stop(0);
    }
  }
}
