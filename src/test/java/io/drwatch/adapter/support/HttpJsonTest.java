package io.drwatch.adapter.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpJsonTest {
  private static Vertx vertx;
  private static HttpServer server;
  private static HttpJson http;

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
    server = vertx.createHttpServer().requestHandler(req -> {
      switch (req.path()) {
        case "/ok" -> req.body().onSuccess(b -> req.response().putHeader("Content-Type", "application/json")
            .end(new JsonObject().put("echo", b.length() == 0 ? null : b.toJsonObject()).encode()));
        case "/busy" -> req.response().setStatusCode(429).putHeader("Retry-After", "7").end("{}");
        case "/stall" -> { } // never answers
        default -> req.response().setStatusCode(Integer.parseInt(req.path().substring(1))).end("nope");
      }
    }).listen(0, "127.0.0.1").await();
    http = HttpJson.wrap(vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)));
    // The first request, refusal and timeout load their classes on the event loop: not under test.
    http.send(HttpMethod.GET, url("/ok"), Map.of(), Optional.empty(), Duration.ofSeconds(2), "warm-up").await();
    http.send(HttpMethod.GET, "http://127.0.0.1:1/x", Map.of(), Optional.empty(), Duration.ofSeconds(2), "warm-up")
        .otherwiseEmpty().await();
    http.send(HttpMethod.GET, url("/stall"), Map.of(), Optional.empty(), Duration.ofMillis(50), "warm-up")
        .otherwiseEmpty().await();
  }

  @AfterAll
  static void stop() {
    vertx.close().await();
  }

  private static String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldSendAndReadJson() throws Exception {
    HttpJson.Reply r = await(http.send(HttpMethod.POST, url("/ok"), Map.of(), Optional.of(new JsonObject().put("a", 1)),
        Duration.ofSeconds(2), "POST /ok"));
    assertThat(r.ok()).isTrue();
    assertThat(r.json()).contains(new JsonObject().put("echo", new JsonObject().put("a", 1)));
  }

  @Test
  void shouldCodeStatusesAndKeepRetryAfter() throws Exception {
    HttpJson.Reply busy = await(http.send(HttpMethod.GET, url("/busy"), Map.of(), Optional.empty(),
        Duration.ofSeconds(2), "GET /busy"));
    CodedFailure f = HttpJson.failure("GET /busy: HTTP 429", busy, null);
    assertThat(f.code()).isEqualTo(FailureCode.THROTTLED);
    assertThat(f.retryAfter()).contains(Duration.ofSeconds(7));
    assertThat(f.httpStatus()).hasValue(429);
    assertThat(HttpJson.code(401)).isEqualTo(FailureCode.AUTH);
    assertThat(HttpJson.code(403)).isEqualTo(FailureCode.AUTH);
    assertThat(HttpJson.code(404)).isEqualTo(FailureCode.NOT_FOUND);
    assertThat(HttpJson.code(400)).isEqualTo(FailureCode.REJECTED);
    assertThat(HttpJson.code(409)).isEqualTo(FailureCode.REJECTED);
    assertThat(HttpJson.code(503)).isEqualTo(FailureCode.UNREACHABLE);
    HttpJson.Reply forbidden = await(http.send(HttpMethod.GET, url("/403"), Map.of(), Optional.empty(),
        Duration.ofSeconds(2), "GET /403"));
    assertThat(HttpJson.failure("x", forbidden, "9109").code()).isEqualTo(FailureCode.AUTH);
    assertThat(HttpJson.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEmpty();
  }

  @Test
  void shouldCodeTransportFailures() throws Exception {
    Throwable stalled = http.send(HttpMethod.GET, url("/stall"), Map.of(), Optional.empty(), Duration.ofMillis(200),
        "GET /stall").toCompletionStage().toCompletableFuture().handle((v, e) -> e).get(10, TimeUnit.SECONDS);
    assertThat(CodedFailure.codeOf(stalled)).isEqualTo(FailureCode.TIMEOUT);
    assertThat(stalled).hasMessage("GET /stall: no answer within 200ms");

    Throwable refused = http.send(HttpMethod.GET, "http://127.0.0.1:1/x", Map.of(), Optional.empty(),
        Duration.ofSeconds(2), "GET /x").toCompletionStage().toCompletableFuture().handle((v, e) -> e)
        .get(10, TimeUnit.SECONDS);
    assertThat(CodedFailure.codeOf(refused)).isEqualTo(FailureCode.UNREACHABLE);
  }
}
