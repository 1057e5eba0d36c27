package io.drwatch.adapter.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.config.PeerConfig;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer poll against a real HTTP server on loopback. */
class HttpVoteExchangeTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final int MIB = 1024 * 1024;

  private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  // Held: java.util.logging keeps loggers weakly, and a collected one loses the handler.
  private final Logger log = Logger.getLogger(HttpVoteExchange.class.getName());
  private Vertx vertx;
  private HttpServer server;

  /**
   * A cold JVM loads Jackson and Netty's HTTP codecs on the first request, which blocks an event
   * loop for several 100 ms on a busy machine: pay that once here, where the blocked-thread check
   * does not count, so each test measures only its own work.
   */
  @BeforeAll
  static void warmUp() throws Exception {
    Buffer.buffer(new JsonObject().put("reports", List.of(Map.of("a", 1))).encode()).toJsonObject();
    Vertx cold = Vertx.vertx();
    try {
      HttpServer s = await(cold.createHttpServer()
          .requestHandler(req -> req.response().end("{\"observer\":\"x\"}")).listen(0, "127.0.0.1"));
      String peer = "http://127.0.0.1:" + s.actualPort();
      await(new HttpVoteExchange(cold, List.of(peer), "t", Duration.ofSeconds(5),
          Duration.ofSeconds(3), CLOCK).fetchOne(peer));
    } finally {
      await(cold.close());
      NoBlockedThreadsExtension.recorder().drain();
    }
  }

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    log.addHandler(capture);
  }

  @AfterEach
  void tearDown() throws Exception {
    log.removeHandler(capture);
    await(vertx.close());
  }

  private String serve(Consumer<HttpServerResponse> answer) throws Exception {
    server = await(vertx.createHttpServer().requestHandler(req -> answer.accept(req.response()))
        .listen(0, "127.0.0.1"));
    return "http://127.0.0.1:" + server.actualPort();
  }

  private HttpVoteExchange exchange(String peer) {
    return new HttpVoteExchange(vertx, List.of(peer), "t", Duration.ofSeconds(5),
        Duration.ofSeconds(3), CLOCK);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static CodedFailure failure(Future<?> f) throws Exception {
    try {
      await(f);
    } catch (ExecutionException e) {
      assertThat(e.getCause()).isInstanceOf(CodedFailure.class);
      return (CodedFailure) e.getCause();
    }
    throw new AssertionError("the fetch succeeded");
  }

  @Test
  void shouldRefuseAChunkedBodyOverTheLimitWithoutReadingItWhole() throws Exception {
    Buffer sixteenth = Buffer.buffer(new byte[MIB / 16]);
    String peer = serve(resp -> {
      resp.setChunked(true);
      for (int i = 0; i < 16; i++) {
        resp.write(sixteenth.copy());
      }
      resp.end();
    });

    CodedFailure f = failure(exchange(peer).fetchOne(peer));

    assertThat(f.providerCode()).contains("BODY_TOO_LARGE");
    assertThat(f.getMessage()).contains("over 65536 bytes");
  }

  @Test
  void shouldRefuseADeclaredLengthOverTheLimitAndLogWhy() throws Exception {
    Buffer mib = Buffer.buffer(new byte[MIB]);
    String peer = serve(resp -> resp.end(mib.copy()));
    HttpVoteExchange exchange = exchange(peer);

    assertThat(failure(exchange.fetchOne(peer)).providerCode()).contains("BODY_TOO_LARGE");
    assertThat(await(exchange.fetch())).as("the other peers' reports would still count").isEmpty();
    assertThat(logged).anySatisfy(r -> assertThat(r.getMessage())
        .contains("not heard: BODY_TOO_LARGE", "declares 1048576 bytes"));
  }

  @Test
  void shouldStampEachReportAtReceiptMinusItsAge() throws Exception {
    List<ObserverReport> own = List.of(new ObserverReport("obs-b", "db-primary", true,
        NOW.minusMillis(1500), Duration.ofSeconds(3), "suspected"));
    JsonObject body = HttpVoteExchange.toJson("obs-b", own, NOW);
    String peer = serve(resp -> resp.end(body.encode()));

    List<ObserverReport> got = await(exchange(peer).fetchOne(peer));

    assertThat(body.getJsonArray("reports").getJsonObject(0).getLong("ageMillis")).isEqualTo(1500);
    assertThat(got).singleElement().satisfies(r -> {
      assertThat(r.observer()).isEqualTo("obs-b");
      assertThat(r.suspected()).isTrue();
      assertThat(r.seenAt()).isEqualTo(NOW.minusMillis(1500));
    });
  }

  @Test
  void shouldNameAWrongStatusAndAMalformedBody() throws Exception {
    String peer = serve(resp -> resp.setStatusCode(403).end("wrong token"));
    CodedFailure denied = failure(exchange(peer).fetchOne(peer));
    assertThat(denied.providerCode()).contains("STATUS");
    assertThat(denied.code()).isEqualTo(FailureCode.AUTH);
    assertThat(denied.httpStatus()).hasValue(403);
    await(server.close());

    String garbled = serve(resp -> resp.end("not json"));
    CodedFailure malformed = failure(exchange(garbled).fetchOne(garbled));
    assertThat(malformed.providerCode()).contains("MALFORMED");
    assertThat(malformed.code()).isEqualTo(FailureCode.UNREACHABLE);
  }

  @Test
  void shouldIgnoreAPeerReportingUnderAnotherNameThanItIsBoundToAndLogItOnce() throws Exception {
    List<ObserverReport> own = List.of(new ObserverReport("obs-x", "db-primary", true, NOW,
        Duration.ofSeconds(3), "suspected"));
    String url = serve(resp -> resp.end(HttpVoteExchange.toJson("obs-x", own, NOW).encode()));
    HttpVoteExchange bound = new HttpVoteExchange(vertx,
        List.of(new PeerConfig(url, Optional.of("obs-b"))), () -> "t", null, Duration.ofSeconds(5),
        Duration.ofSeconds(3), CLOCK);

    assertThat(await(bound.fetch())).as("an impostor's suspicion does not count").isEmpty();
    assertThat(await(bound.fetch())).isEmpty();

    assertThat(bound.misnamed()).isEqualTo(2);
    assertThat(logged).filteredOn(r -> r.getMessage().contains("WRONG_OBSERVER")).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).contains("reports as \"obs-x\", bound to \"obs-b\""));
  }

  @Test
  void shouldHearAPeerReportingUnderItsBoundNameAndAnUnboundOneUnderAny() throws Exception {
    List<ObserverReport> own = List.of(new ObserverReport("obs-b", "db-primary", true, NOW,
        Duration.ofSeconds(3), "suspected"));
    String url = serve(resp -> resp.end(HttpVoteExchange.toJson("obs-b", own, NOW).encode()));
    HttpVoteExchange exchange = new HttpVoteExchange(vertx,
        List.of(new PeerConfig(url, Optional.of("obs-b"))), () -> "t", null, Duration.ofSeconds(5),
        Duration.ofSeconds(3), CLOCK);

    assertThat(await(exchange.fetch())).extracting(ObserverReport::observer).containsExactly("obs-b");
    assertThat(await(exchange(url).fetch())).extracting(ObserverReport::observer).containsExactly("obs-b");
    assertThat(exchange.misnamed()).isZero();
  }
}
