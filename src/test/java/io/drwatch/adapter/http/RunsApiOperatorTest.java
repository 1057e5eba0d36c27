package io.drwatch.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.app.failover.FailoverPipeline;
import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.app.failover.RtoView;
import io.drwatch.app.failover.RunsBoard;
import io.drwatch.app.failover.StepRunner;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.FailoverAction;
import io.drwatch.port.Journal;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * X-Drwatch-Operator on a real HTTP server in front of a real pipeline (approval mode, one step
 * that is already done): whatever the header holds, approve and cancel work and the journal gets
 * a clean, bounded name. Requests are written byte for byte over a socket, since HTTP clients
 * refuse to send control characters in a header.
 */
class RunsApiOperatorTest {
  private static final String TOKEN = "ops-token";

  private Vertx vertx;
  private HttpServer server;
  private FailoverPipeline pipeline;
  private RunsBoard runs;
  private final List<JournalRecord> journaled = new CopyOnWriteArrayList<>();

  /** Pays the router's and the pipeline's class loading outside the strict blocked-thread check. */
  @BeforeAll
  static void warmUp() throws Exception {
    RunsApiOperatorTest warm = new RunsApiOperatorTest();
    warm.start(Vertx.vertx());
    try {
      warm.approve(warm.awaitingRun(), "warm up");
    } finally {
      warm.stop();
    }
  }

  @BeforeEach
  void start() throws Exception {
    start(TestVertx.create());
  }

  private void start(Vertx v) throws Exception {
    vertx = v;
    Runbook runbook = Runbook.of(List.of(StepSpec.builder("notify", "done").build()), Set.of("done"));
    PipelineSettings settings = new PipelineSettings(runbook, Map.of(), Map.of(), Map.of(),
        new RpoGate(Duration.ZERO, Duration.ZERO), false, Duration.ZERO, Duration.ofMinutes(15),
        Duration.ofSeconds(6), Duration.ofMinutes(10), Duration.ofMinutes(30));
    runs = new RunsBoard();
    StepRunner steps = new StepRunner(vertx, Map.of("done", alreadyDone), settings,
        io.drwatch.app.failover.ChannelView.none(),
        List.of(), Clock.systemUTC());
    pipeline = new FailoverPipeline(vertx, settings, journal, runs, steps,
        io.drwatch.port.ExecutorLease.unfenced("test"), Clock.systemUTC());
    Router router = Router.router(vertx);
    RunsApi.mount(router, pipeline, runs, new RtoView(settings, runs, new StatusBoard(List.of())),
        Optional.of(TOKEN));
    io.vertx.core.Promise<Void> recovered = io.vertx.core.Promise.promise();
    vertx.runOnContext(x -> pipeline.recover().onComplete(recovered));
    recovered.future().await(5, TimeUnit.SECONDS);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private final Journal journal = new io.drwatch.testkit.ListJournal(journaled);

  private final FailoverAction alreadyDone = new FailoverAction() {
    @Override
    public String name() {
      return "done";
    }

    @Override
    public Future<Boolean> check(Step step) {
      return Future.succeededFuture(true);
    }

    @Override
    public Future<Void> apply(Step step) {
      throw new AssertionError("the step is already done");
    }

    @Override
    public Future<Void> await(Step step) {
      throw new AssertionError("the step is already done");
    }
  };

  /** An automatic trigger in approval mode: the run waits for an approve. */
  private String awaitingRun() throws Exception {
    FailoverRun run = pipeline.trigger(RunMode.EXECUTE, Trigger.manual("test outage"), true)
        .await(5, TimeUnit.SECONDS);
    assertThat(run.state()).isEqualTo(RunState.AWAITING_APPROVAL);
    return run.runId();
  }

  private int approve(String runId, String operator) throws Exception {
    return post("/api/v1/runs/" + runId + "/approve", operator);
  }

  /** POSTs with the operator header exactly as given (bytes 0-255, no encoding); the status. */
  private int post(String path, String operator) throws Exception {
    return Integer.parseInt(exchange("POST", path, operator).split(" ")[1]);
  }

  /** One request over a plain socket; the whole response as ISO-8859-1 text. */
  private String exchange(String method, String path, String operator) throws Exception {
    String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
        + "\r\nX-Drwatch-Operator: " + operator + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", server.actualPort())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private FailoverRun finished(String runId) throws Exception {
    Await.until(Duration.ofSeconds(5), () -> runs.run(runId).map(r -> r.state().isTerminal()).orElse(false));
    return runs.run(runId).orElseThrow();
  }

  @Test
  void shouldApproveForAnOperatorWithASpaceInTheName() throws Exception {
    String runId = awaitingRun();

    assertThat(approve(runId, "Jane Doe")).isEqualTo(202);

    FailoverRun run = finished(runId);
    assertThat(run.state()).isEqualTo(RunState.SUCCEEDED);
    assertThat(run.approvedBy()).get().asString().startsWith("Jane Doe@127.0.0.1:");
    assertThat(journaled).filteredOn(r -> r instanceof JournalRecord.RunApproved)
        .singleElement().extracting(r -> ((JournalRecord.RunApproved) r).by()).asString()
        .startsWith("Jane Doe@127.0.0.1:");
  }

  @Test
  void shouldCancelForAVeryLongNameCutTo64Characters() throws Exception {
    String runId = awaitingRun();
    String name = "Dr. Maria-Luisa " + "Abcdefghij".repeat(20);

    assertThat(post("/api/v1/runs/" + runId + "/cancel", name)).isEqualTo(202);

    assertThat(finished(runId).state()).isEqualTo(RunState.CANCELLED);
    String by = journaled.stream().filter(r -> r instanceof JournalRecord.RunCancelled)
        .map(r -> ((JournalRecord.RunCancelled) r).by()).findFirst().orElseThrow();
    assertThat(by).startsWith(name.substring(0, RunsApi.MAX_OPERATOR) + "@127.0.0.1:");
  }

  /** Tabs and bytes above 127 reach the handler (HTTP allows them in a value); symbols go too. */
  @Test
  void shouldDropTabsNonAsciiAndSymbolsFromTheName() throws Exception {
    String runId = awaitingRun();
    String utf8 = new String("Zoë".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);

    assertThat(approve(runId, "Jane\t\tDoe " + utf8 + " <jd@example.com>; rm -rf *")).isEqualTo(202);

    assertThat(finished(runId).approvedBy()).get().asString()
        .startsWith("Jane Doe Zo jd@example.com rm -rf@127.0.0.1:");
  }

  /** Other control characters never get past the HTTP decoder: a 400, and nothing approved. */
  @Test
  void shouldRefuseAHeaderWithControlCharactersBeforeItReachesThePipeline() throws Exception {
    String runId = awaitingRun();

    assertThat(approve(runId, "Jane\u0007\u001b[31mDoe")).isEqualTo(400);

    assertThat(runs.run(runId).orElseThrow().state()).isEqualTo(RunState.AWAITING_APPROVAL);
    assertThat(approve(runId, "Jane Doe")).isEqualTo(202);
  }

  @Test
  void shouldFallBackToApiForANameWithNothingPrintable() throws Exception {
    String runId = awaitingRun();

    assertThat(approve(runId, "\t ;;; \t")).isEqualTo(202);

    assertThat(finished(runId).approvedBy()).get().asString().startsWith("api@127.0.0.1:");
  }

  @Test
  void shouldSanitiseNewlinesAndCutAfterCleaning() {
    assertThat(RunsApi.operator("Jane\r\nDoe")).isEqualTo("Jane Doe");
    assertThat(RunsApi.operator("Jane\u0000\u0007\u001b[31mDoe\u007f")).isEqualTo("Jane 31mDoe");
    assertThat(RunsApi.operator("  Jane   Doe  ")).isEqualTo("Jane Doe");
    assertThat(RunsApi.operator("é".repeat(100) + "Jane")).isEqualTo("Jane");
    assertThat(RunsApi.operator("a".repeat(63) + " b")).isEqualTo("a".repeat(63));
    assertThat(RunsApi.operator(null)).isEmpty();
  }

  @Test
  void shouldShowTheCleanNameInTheRunOverHttp() throws Exception {
    String runId = awaitingRun();
    assertThat(approve(runId, "Jane Doe")).isEqualTo(202);
    finished(runId);

    String response = exchange("GET", "/api/v1/runs/" + runId, "ignored");
    JsonObject run = new JsonObject(response.substring(response.indexOf("\r\n\r\n") + 4));
    assertThat(run.getString("approvedBy")).startsWith("Jane Doe@127.0.0.1:");
  }
}
