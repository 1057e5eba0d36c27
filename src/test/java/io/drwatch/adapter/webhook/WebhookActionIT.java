package io.drwatch.adapter.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.lab.FreePorts;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook action against a real Vert.x HTTP server on loopback. */
class WebhookActionIT {
  private static final String TOKEN = "s3cr3t-token";
  private Vertx vertx;
  private RecordingServer server;
  private WebhookAction action;

  @BeforeAll
  static void warmUp() throws Exception {
    // The first request of a JVM runs the HTTP client's class initialisation on an event loop,
    // which the strict checker of TestVertx would report. Pay for it here.
    Vertx lenient = Vertx.vertx();
    try (RecordingServer s = new RecordingServer(lenient)) {
      WebhookAction.create(lenient).apply(step(Map.of("url", s.url("/hook")))).await(10, TimeUnit.SECONDS);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void start() throws Exception {
    vertx = TestVertx.create();
    server = new RecordingServer(vertx);
    action = WebhookAction.create(vertx);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Step step(Map<String, String> params) {
    return new Step("notify", params, false);
  }

  private Step hook(String... more) {
    Map<String, String> params = new HashMap<>(Map.of("url", server.url("/hook?key=in-query")));
    for (int i = 0; i < more.length; i += 2) {
      params.put(more[i], more[i + 1]);
    }
    return step(params);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(10, TimeUnit.SECONDS);
  }

  @Test
  void shouldPostTheBodyWithTheBearerTokenAndAcceptA2xx() throws Exception {
    done(action.apply(hook("body", "{\"event\":\"failover\"}", "bearerToken", TOKEN)));
    assertThat(server.seen).singleElement().satisfies(s -> {
      assertThat(s.method()).isEqualTo("POST");
      assertThat(s.path()).isEqualTo("/hook");
      assertThat(s.body()).isEqualTo("{\"event\":\"failover\"}");
      assertThat(s.headers().get("Authorization")).isEqualTo("Bearer " + TOKEN);
      assertThat(s.headers().get("Content-Type")).isEqualTo("application/json");
    });
  }

  @Test
  void shouldSendTheConfiguredMethodAndHeaderAndExpectTheGivenStatus() throws Exception {
    server.status = 204;
    server.body = "";
    done(action.apply(hook("method", "put", "header", "X-Api-Key", "headerValue", "k-123",
        "expectStatus", "204")));
    assertThat(server.seen).singleElement().satisfies(s -> {
      assertThat(s.method()).isEqualTo("PUT");
      assertThat(s.headers().get("X-Api-Key")).isEqualTo("k-123");
      assertThat(s.headers().contains("Authorization")).isFalse();
    });
    server.status = 200;
    assertThatThrownBy(() -> done(action.apply(hook("method", "PUT", "expectStatus", "204"))))
        .hasMessageStartingWith("PUT http://127.0.0.1:");
  }

  @Test
  void shouldFailWithTheStatusAndTheStartOfTheBodyButNoSecrets() {
    server.status = 500;
    server.body = "boom: " + "x".repeat(300);
    assertThatThrownBy(() -> done(action.apply(hook("bearerToken", TOKEN))))
        .hasMessage("POST " + origin() + ": status 500, expected 2xx: boom: " + "x".repeat(194) + "...")
        .hasMessageNotContaining(TOKEN)
        .hasMessageNotContaining("in-query");
  }

  @Test
  void shouldSayNotDoneWithoutACheckUrlAndAskTheCheckUrlOtherwise() throws Exception {
    assertThat(done(action.check(hook()))).isFalse();
    assertThat(server.seen).as("no request without checkUrl").isEmpty();
    assertThat(done(action.check(hook("checkUrl", server.url("/done"), "bearerToken", TOKEN)))).isTrue();
    assertThat(done(action.check(hook("checkUrl", server.url("/not-done"))))).isFalse();
    assertThat(server.seen).extracting(RecordingServer.Seen::method).containsOnly("GET");
    assertThat(server.seen.get(0).headers().get("Authorization")).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void shouldNotSendTheTokenToACheckUrlOfAnotherOrigin() throws Exception {
    try (RecordingServer other = new RecordingServer(vertx)) {
      assertThat(done(action.check(hook("checkUrl", other.url("/done"), "bearerToken", TOKEN)))).isTrue();
      assertThat(other.seen).singleElement()
          .satisfies(s -> assertThat(s.headers().contains("Authorization")).isFalse());
    }
  }

  @Test
  void shouldSendTheFencingEpochWithEveryRequestOfTheStep() throws Exception {
    Map<String, String> params = Map.of("url", server.url("/hook"), "checkUrl", server.url("/not-done"),
        "awaitUrl", server.url("/ready"));
    Step leased = new Step("notify", params, false, "run-1", 7);
    assertThat(done(action.check(leased))).isFalse();
    done(action.apply(leased));
    done(action.await(leased));
    assertThat(server.seen).extracting(RecordingServer.Seen::path).containsExactly("/not-done", "/hook", "/ready");
    assertThat(server.seen).allSatisfy(s -> assertThat(s.headers().getAll("X-Drwatch-Epoch")).containsExactly("7"));
    done(action.apply(step(Map.of("url", server.url("/hook")))));
    assertThat(server.seen.get(3).headers().get("X-Drwatch-Epoch")).as("no lease").isEqualTo("0");
  }

  @Test
  void shouldAwaitAtOnceWithoutAnAwaitUrl() throws Exception {
    long start = System.nanoTime();
    done(action.await(hook()));
    assertThat(Await.elapsedMillis(start)).isLessThan(100);
    assertThat(server.seen).isEmpty();
  }

  @Test
  void shouldPollTheAwaitUrlEvery500msUntil200() throws Exception {
    server.readyAfter = 3;
    long start = System.nanoTime();
    done(action.await(hook("awaitUrl", server.url("/ready"))));
    long ms = Await.elapsedMillis(start);
    System.out.printf("webhook await: 200 on poll %d after %d ms%n", server.readyPolls.get(), ms);
    assertThat(server.readyPolls.get()).isEqualTo(3);
    assertThat(ms).isBetween(2 * WebhookAction.POLL_EVERY.toMillis(), 2500L);
  }

  @Test
  void shouldStopAwaitingAfterWaitSecondsWithTheLastStatus() {
    server.readyAfter = Integer.MAX_VALUE;
    long start = System.nanoTime();
    assertThatThrownBy(() -> done(action.await(hook("awaitUrl", server.url("/ready"), "waitSeconds", "1"))))
        .hasMessage("GET " + origin() + ": status 503, still not 200 after 1s");
    assertThat(Await.elapsedMillis(start)).isBetween(1000L, 2000L);
  }

  @Test
  void shouldFailWithAShortReasonWhenTheTargetCannotBeReached() {
    int port = FreePorts.pick();
    assertThatThrownBy(() -> done(action.apply(step(Map.of("url", "http://127.0.0.1:" + port + "/x")))))
        .hasMessageStartingWith("POST http://127.0.0.1:" + port + ": Connection refused")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
  }

  @Test
  void shouldRejectBadParametersNamingTheStepAndKey() {
    assertThatThrownBy(() -> done(action.apply(step(Map.of()))))
        .hasMessage("step notify: url: required for webhook");
    assertThatThrownBy(() -> done(action.apply(step(Map.of("url", "ftp://u:pw@h/x")))))
        .hasMessage("step notify: url: must be an absolute url with scheme http or https for webhook");
    assertThatThrownBy(() -> done(action.apply(hook("header", "X-Key"))))
        .hasMessage("step notify: headerValue: header and headerValue go together; give both or neither for webhook");
    assertThatThrownBy(() -> done(action.apply(hook("expectStatus", "ok"))))
        .hasMessage("step notify: expectStatus: must be a status such as 204 or a class such as 2xx for webhook,"
            + " was \"ok\"");
    assertThatThrownBy(() -> done(action.apply(hook("method", "TRACE"))))
        .hasMessage("step notify: method: must be one of GET | POST | PUT | PATCH | DELETE for webhook, was \"TRACE\"");
    assertThatThrownBy(() -> done(action.await(hook("awaitUrl", "not a url"))))
        .hasMessage("step notify: awaitUrl: must be an absolute url with scheme http or https for webhook");
    assertThatThrownBy(() -> done(action.apply(hook("header", "x-drwatch-epoch", "headerValue", "99"))))
        .hasMessage("step notify: header: X-Drwatch-Epoch is drwatch's own (the fencing epoch) for webhook");
    assertThat(server.seen).isEmpty();
  }

  private String origin() {
    return server.url("");
  }
}
