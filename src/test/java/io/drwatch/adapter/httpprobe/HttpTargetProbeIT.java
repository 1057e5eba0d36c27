package io.drwatch.adapter.httpprobe;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.tcp.CheckResult;
import io.drwatch.lab.FreePorts;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http target probe against a real Vert.x HTTP server whose answers the test controls. */
class HttpTargetProbeIT {
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final String BIG_FILLER = "x".repeat(100 * 1024);

  private Vertx vertx;
  private HttpServer server;
  private final List<HttpTargetProbe> probes = new ArrayList<>();
  /** Bytes the server managed to write for /endless, to show the probe stops reading. */
  private final AtomicLong endlessWritten = new AtomicLong();

  /**
   * The first connects of a JVM run Netty's class initialisation on an event loop, which the
   * strict checker of {@link TestVertx} would report. Pay for it once, outside the tests.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    Vertx lenient = Vertx.vertx();
    try {
      HttpServer s = lenient.createHttpServer().requestHandler(r -> r.response().end("ok"))
          .listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
      CheckResult.run(HttpTargetProbe.create(lenient, "http://127.0.0.1:" + s.actualPort() + "/",
          200, Optional.of("ok"), TIMEOUT));
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void start() throws Exception {
    vertx = TestVertx.create();
    server = listen(0);
  }

  @AfterEach
  void stop() throws Exception {
    for (HttpTargetProbe p : probes) {
      p.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private HttpServer listen(int port) throws Exception {
    return vertx.createHttpServer().requestHandler(this::answer)
        .listen(port, "127.0.0.1").await(5, TimeUnit.SECONDS);
  }

  private void answer(HttpServerRequest req) {
    switch (req.path()) {
      case "/health" -> req.response().end("{\"status\": \"ok\"}");
      case "/down" -> req.response().setStatusCode(503).end("maintenance");
      case "/moved" -> req.response().setStatusCode(301).putHeader("Location", "/health").end();
      case "/degraded" -> req.response().end("{\"status\": \"degraded\"}");
      case "/big-late" -> req.response().end(BIG_FILLER + "ok");
      case "/big-early" -> req.response().end("ok" + BIG_FILLER);
      case "/endless" -> endless(req);
      case "/headers-only" -> req.response().setChunked(true).write("{\"status\": "); // never ends
      case "/hang" -> { } // never answers
      default -> req.response().setStatusCode(404).end();
    }
  }

  /** Streams filler forever, never the expected text, as long as the client keeps reading. */
  private void endless(HttpServerRequest req) {
    req.response().setChunked(true);
    vertx.setPeriodic(1, id -> {
      if (req.response().closed() || req.response().ended()) {
        vertx.cancelTimer(id);
      } else if (!req.response().writeQueueFull()) {
        req.response().write("x".repeat(4096));
        endlessWritten.addAndGet(4096);
      }
    });
  }

  private HttpTargetProbe probe(String path, int status, Optional<String> body) {
    HttpTargetProbe p = HttpTargetProbe.create(vertx,
        "http://127.0.0.1:" + server.actualPort() + path, status, body, TIMEOUT);
    probes.add(p);
    return p;
  }

  @Test
  void shouldSucceedOnTheExpectedStatusAndBody() {
    CheckResult status = CheckResult.run(probe("/health", 200, Optional.empty()));
    CheckResult body = CheckResult.run(probe("/health", 200, Optional.of("\"ok\"")));
    CheckResult down = CheckResult.run(probe("/down", 503, Optional.empty()));
    System.out.printf("http live: status only %s; with body %s; expecting 503 %s%n", status, body, down);
    assertThat(List.of(status, body, down)).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
  }

  /** As the daemon calls it: from an event loop, which the strict test Vert.x watches. */
  @Test
  void shouldNotBlockTheEventLoop() {
    List<CheckResult> runs = CheckResult.runOnEventLoop(vertx,
        probe("/big-early", 200, Optional.of("ok")), 20);
    assertThat(runs).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
  }

  @Test
  void shouldNameTheWrongStatus() {
    CheckResult down = CheckResult.run(probe("/down", 200, Optional.of("ok")));
    CheckResult moved = CheckResult.run(probe("/moved", 200, Optional.empty()));
    assertThat(down.reason()).isEqualTo("status 503, expected 200");
    assertThat(moved.reason()).isEqualTo("status 301, expected 200");
  }

  @Test
  void shouldNameTheMissingBodyText() {
    CheckResult r = CheckResult.run(probe("/degraded", 200, Optional.of("ok")));
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).isEqualTo("body does not contain \"ok\"");
  }

  @Test
  void shouldReadNoMoreThan64KibOfTheBody() {
    CheckResult late = CheckResult.run(probe("/big-late", 200, Optional.of("ok")));
    CheckResult early = CheckResult.run(probe("/big-early", 200, Optional.of("ok")));
    CheckResult endless = CheckResult.run(probe("/endless", 200, Optional.of("ok")));
    System.out.printf("http big bodies: text after 100 KiB %s; text first %s; endless %s"
        + " (server wrote %d KiB)%n", late, early, endless, endlessWritten.get() / 1024);
    assertThat(late.reason()).isEqualTo("body does not contain \"ok\" in its first 64 KiB");
    assertThat(early.ok()).as(early.toString()).isTrue();
    assertThat(endless.reason()).isEqualTo("body does not contain \"ok\" in its first 64 KiB");
    assertThat(endless.millis()).isLessThan(TIMEOUT.toMillis());
  }

  @Test
  void shouldQuoteALongBodyTextShortened() {
    String needle = "n".repeat(500);
    CheckResult r = CheckResult.run(probe("/degraded", 200, Optional.of(needle)));
    assertThat(r.reason()).isEqualTo("body does not contain \"" + "n".repeat(60) + "...\"");
  }

  @Test
  void shouldTimeOutWhenTheServerNeverAnswers() {
    HttpTargetProbe probe = probe("/hang", 200, Optional.empty());
    List<CheckResult> runs = List.of(CheckResult.run(probe), CheckResult.run(probe));
    System.out.println("http server never answers: " + runs);
    assertThat(runs).allSatisfy(r -> {
      assertThat(r.reason()).isEqualTo("no answer within 400ms");
      assertThat(r.millis()).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 200);
    });
  }

  @Test
  void shouldTimeOutWhenTheBodyStopsBeforeTheText() {
    CheckResult withBody = CheckResult.run(probe("/headers-only", 200, Optional.of("ok")));
    CheckResult statusOnly = CheckResult.run(probe("/headers-only", 200, Optional.empty()));
    assertThat(withBody.reason()).isEqualTo("no answer within 400ms");
    assertThat(statusOnly.ok()).as(statusOnly.toString()).isTrue();
  }

  @Test
  void shouldReportConnectionRefusedOnAClosedPort() {
    HttpTargetProbe probe = HttpTargetProbe.create(vertx, "http://127.0.0.1:" + FreePorts.pick() + "/",
        200, Optional.empty(), TIMEOUT);
    probes.add(probe);
    CheckResult r = CheckResult.run(probe);
    System.out.println("http closed port: " + r);
    assertThat(r.reason()).startsWith("Connection refused: ");
    assertThat(r.millis()).isLessThan(TIMEOUT.toMillis() / 2);
  }

  @Test
  void shouldRecoverOnTheFirstCheckAfterTheServerRestarts() throws Exception {
    int port = server.actualPort();
    HttpTargetProbe probe = probe("/health", 200, Optional.of("ok"));
    assertThat(CheckResult.run(probe).ok()).isTrue();
    server.close().await(5, TimeUnit.SECONDS);
    CheckResult down = CheckResult.run(probe);
    server = listen(port);
    CheckResult back = CheckResult.run(probe);
    System.out.printf("http restart: down %s, back %s%n", down, back);
    assertThat(down.reason()).startsWith("Connection refused: ");
    assertThat(back.ok()).as(back.toString()).isTrue();
  }
}
