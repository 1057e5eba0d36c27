package io.drwatch.adapter.http.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.metrics.EventMetrics;
import io.drwatch.app.ingest.EventIngest;
import io.drwatch.app.ingest.IngestOutcome;
import io.drwatch.app.ingest.IngestSource;
import io.drwatch.app.ingest.ReceiveOutcome;
import io.drwatch.app.ingest.RecordingSink;
import io.drwatch.app.ingest.TestEvents;
import io.drwatch.domain.event.EventEnvelope;
import io.drwatch.testkit.TestVertx;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The webhook on a real HTTP server on loopback, posted to with java.net.http. */
class EventsWebhookTest {
  private static final String TOKEN = "s3cret-token";
  // HTTP/1.1 as EventBridge API destinations send it; java.net.http would otherwise upgrade to h2c.
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();

  private Vertx vertx;
  private HttpServer server;
  private RecordingSink sink;
  private EventIngest ingest;

  /**
   * Loads the HTTP server's and the parser's classes once for the JVM, before the per-test
   * blocked-thread check starts counting (it drains what was reported before each test): a cold
   * first request on a loaded machine can take over 100 ms of class loading on the event loop.
   */
  @BeforeAll
  static void warmUpTheJvm() throws Exception {
    Vertx warm = TestVertx.create();
    try {
      Router router = Router.router(warm);
      EventsWebhook.mount(router, EventsAuth.of(Optional.of(TOKEN)), EventIngest.create(new RecordingSink()));
      HttpServer s = warm.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
      String url = "http://127.0.0.1:" + s.actualPort() + EventsWebhook.PATH;
      post(url, TestEvents.health("warm-1").encode(), "x-api-key", TOKEN);
      post(url, "{}", "x-api-key", TOKEN);
      post(url, "{}");
    } finally {
      warm.close().await();
    }
  }

  @BeforeEach
  void setUp() {
    vertx = TestVertx.create();
    sink = new RecordingSink();
    ingest = EventIngest.create(sink);
  }

  @AfterEach
  void tearDown() {
    vertx.close().await();
  }

  private String url(EventsAuth auth) {
    Router router = Router.router(vertx);
    EventsWebhook.mount(router, auth, ingest);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    return "http://127.0.0.1:" + server.actualPort() + EventsWebhook.PATH;
  }

  private String url() {
    return url(EventsAuth.of(Optional.of(TOKEN)));
  }

  private static HttpResponse<String> post(String url, BodyPublisher body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json; charset=utf-8").POST(body);
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String url, String body, String... headers) throws Exception {
    return post(url, BodyPublishers.ofString(body), headers);
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static JsonObject json(HttpResponse<String> r) {
    return new JsonObject(r.body());
  }

  private long count(ReceiveOutcome outcome) {
    return ingest.count(IngestSource.WEBHOOK, outcome);
  }

  @Test
  void shouldAcceptAValidEventWithTheApiKeyAndHandTheEnvelopeToTheSink() throws Exception {
    HttpResponse<String> r = post(url(), TestEvents.health("e-1").encode(), "x-api-key", TOKEN);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(json(r).getMap()).isEqualTo(Map.of("outcome", "accepted", "id", "e-1"));
    EventEnvelope e = sink.events().get(0);
    assertThat(e.id()).isEqualTo("e-1");
    assertThat(e.source()).isEqualTo("aws.health");
    assertThat(e.detailType()).isEqualTo("AWS Health Event");
    assertThat(e.time()).isEqualTo(Instant.parse("2026-11-25T08:00:00Z"));
    assertThat(e.region()).isEqualTo("us-west-2");
    assertThat(e.detailString("eventRegion")).isEqualTo("us-east-1");
    assertThat(e.detail()).containsEntry("endTime", null);
    assertThat(count(ReceiveOutcome.ACCEPTED)).isEqualTo(1);
  }

  @Test
  void shouldAcceptBasicAuthWithTheTokenAsPasswordAndAConfiguredHeaderName() throws Exception {
    String url = url(EventsAuth.of(Optional.of(TOKEN), "X-DrWatch-Key"));

    assertThat(post(url, TestEvents.health("b-1").encode(), "Authorization", basic("eventbridge", TOKEN))
        .statusCode()).isEqualTo(202);
    assertThat(post(url, TestEvents.health("h-1").encode(), "x-drwatch-key", TOKEN).statusCode()).isEqualTo(202);
    assertThat(post(url, TestEvents.health("h-2").encode(), "x-api-key", TOKEN).statusCode()).isEqualTo(401);
    assertThat(sink.ids()).containsExactly("b-1", "h-1");
  }

  @Test
  void shouldCountADuplicateOnceAndSayDuplicate() throws Exception {
    String url = url();
    String body = TestEvents.health("dup-1").encode();

    HttpResponse<String> first = post(url, body, "x-api-key", TOKEN);
    HttpResponse<String> replay = post(url, body, "Authorization", basic("any", TOKEN));

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(replay.statusCode()).isEqualTo(202);
    assertThat(json(replay).getString("outcome")).isEqualTo("duplicate");
    assertThat(sink.ids()).containsExactly("dup-1");
    assertThat(count(ReceiveOutcome.ACCEPTED)).isEqualTo(1);
    assertThat(count(ReceiveOutcome.DUPLICATE)).isEqualTo(1);
  }

  @Test
  void shouldSayIgnoredWhenTheSinkIgnoresTheEvent() throws Exception {
    sink.answering(e -> IngestOutcome.IGNORED);

    HttpResponse<String> r = post(url(), TestEvents.health("i-1").encode(), "x-api-key", TOKEN);

    assertThat(r.statusCode()).isEqualTo(202);
    assertThat(json(r).getString("outcome")).isEqualTo("ignored");
    assertThat(count(ReceiveOutcome.IGNORED)).isEqualTo(1);
  }

  @Test
  void shouldChallengeMissingCredentialsWith401() throws Exception {
    String url = url();

    HttpResponse<String> none = post(url, TestEvents.health("m-1").encode());
    HttpResponse<String> bearer = post(url, TestEvents.health("m-2").encode(), "Authorization", "Bearer " + TOKEN);

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
    assertThat(json(none).getString("error")).isEqualTo("unauthorized");
    assertThat(bearer.statusCode()).isEqualTo(401);
    assertRefusalsChangedNothing(ReceiveOutcome.UNAUTHORIZED, 2);
  }

  @Test
  void shouldForbidWrongCredentialsWith403() throws Exception {
    String url = url();
    String body = TestEvents.health("f-1").encode();

    assertThat(post(url, body, "x-api-key", "forged").statusCode()).isEqualTo(403);
    assertThat(post(url, body, "x-api-key", TOKEN + "x").statusCode()).isEqualTo(403);
    assertThat(post(url, body, "Authorization", basic("eventbridge", "forged")).statusCode()).isEqualTo(403);
    assertThat(post(url, body, "Authorization", "Basic !!not-base64!!").statusCode()).isEqualTo(403);
    HttpResponse<String> noColon = post(url, body, "Authorization",
        "Basic " + Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8)));
    assertThat(noColon.statusCode()).isEqualTo(403);
    assertThat(json(noColon).getString("error")).isEqualTo("forbidden");
    assertRefusalsChangedNothing(ReceiveOutcome.UNAUTHORIZED, 5);
  }

  @Test
  void shouldRefuseEverythingWhenNoTokenIsConfigured() throws Exception {
    String url = url(EventsAuth.of(Optional.of("  ")));

    HttpResponse<String> withKey = post(url, TestEvents.health("d-1").encode(), "x-api-key", "  ");
    HttpResponse<String> without = post(url, TestEvents.health("d-2").encode());

    assertThat(withKey.statusCode()).isEqualTo(403);
    assertThat(without.statusCode()).isEqualTo(403);
    assertThat(json(without).getString("message")).contains("events are disabled");
    assertRefusalsChangedNothing(ReceiveOutcome.UNAUTHORIZED, 2);
  }

  @Test
  void shouldRefuseABodyOverTheLimitWith413WhetherDeclaredOrChunked() throws Exception {
    String url = url();
    byte[] big = oversizedEvent();

    HttpResponse<String> declared = post(url, BodyPublishers.ofByteArray(big), "x-api-key", TOKEN);
    HttpResponse<String> chunked = post(url, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)),
        "x-api-key", TOKEN);

    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(json(declared).getString("error")).isEqualTo("too_large");
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertRefusalsChangedNothing(ReceiveOutcome.TOO_LARGE, 2);
  }

  @Test
  void shouldKeepItsLimitBehindARouterWideBodyHandler() throws Exception {
    Router router = Router.router(vertx);
    router.route().handler(BodyHandler.create(false));
    EventsWebhook.mount(router, EventsAuth.of(Optional.of(TOKEN)), ingest);
    server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1").await();
    String url = "http://127.0.0.1:" + server.actualPort() + EventsWebhook.PATH;

    HttpResponse<String> chunked = post(url, BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(oversizedEvent())),
        "x-api-key", TOKEN);

    assertThat(chunked.statusCode()).isEqualTo(413);
    assertRefusalsChangedNothing(ReceiveOutcome.TOO_LARGE, 1);
  }

  @Test
  void shouldAskForCredentialsBeforeLookingAtTheSize() throws Exception {
    HttpResponse<String> r = post(url(), BodyPublishers.ofByteArray(oversizedEvent()));

    assertThat(r.statusCode()).isEqualTo(401);
    assertRefusalsChangedNothing(ReceiveOutcome.UNAUTHORIZED, 1);
  }

  @Test
  void shouldAcceptABodyOfExactlyTheLimit() throws Exception {
    JsonObject event = TestEvents.health("edge-1");
    event.getJsonObject("detail").put("pad", "");
    int room = EventsWebhook.BODY_LIMIT - event.encode().length();
    event.getJsonObject("detail").put("pad", "x".repeat(room));
    byte[] body = event.encode().getBytes(StandardCharsets.UTF_8);
    assertThat(body).hasSize(EventsWebhook.BODY_LIMIT);

    assertThat(post(url(), BodyPublishers.ofByteArray(body), "x-api-key", TOKEN).statusCode()).isEqualTo(202);
  }

  @Test
  void shouldRefuseMalformedBodiesWith400NamingTheField() throws Exception {
    String url = url();
    JsonObject noType = TestEvents.health("x-1");
    noType.remove("detail-type");
    JsonObject badTime = TestEvents.health("x-2").put("time", "yesterday");
    JsonObject detailString = TestEvents.health("x-3").put("detail", "open");
    JsonObject numericId = TestEvents.health("x-4").put("id", 42);

    assertMalformed(post(url, "{\"id\": \"x-0\",", "x-api-key", TOKEN), null);
    assertMalformed(post(url, "[1, 2]", "x-api-key", TOKEN), null);
    assertMalformed(post(url, "", "x-api-key", TOKEN), null);
    assertMalformed(post(url, noType.encode(), "x-api-key", TOKEN), "detail-type");
    assertMalformed(post(url, badTime.encode(), "x-api-key", TOKEN), "time");
    assertMalformed(post(url, detailString.encode(), "x-api-key", TOKEN), "detail");
    assertMalformed(post(url, numericId.encode(), "x-api-key", TOKEN), "id");
    assertRefusalsChangedNothing(ReceiveOutcome.MALFORMED, 7);
  }

  @Test
  void shouldAnswer500AndRememberNothingWhenTheSinkFails() throws Exception {
    String url = url();
    sink.answering(e -> {
      throw new IllegalStateException("decision core not ready");
    });
    String body = TestEvents.health("s-1").encode();

    HttpResponse<String> failed = post(url, body, "x-api-key", TOKEN);
    sink.answering(e -> IngestOutcome.ACCEPTED);
    HttpResponse<String> retried = post(url, body, "x-api-key", TOKEN);

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(retried.statusCode()).isEqualTo(202);
    assertThat(json(retried).getString("outcome")).isEqualTo("accepted");
  }

  @Test
  void shouldExposeTheCountsAsDrwatchEventsReceivedTotal() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new EventMetrics(ingest).bindTo(registry);
    String url = url();
    post(url, TestEvents.health("p-1").encode(), "x-api-key", TOKEN);
    post(url, TestEvents.health("p-1").encode(), "x-api-key", TOKEN);
    post(url, "{}", "x-api-key", "forged");

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("drwatch_events_received_total{outcome=\"accepted\",source=\"webhook\"} 1.0")
        .contains("drwatch_events_received_total{outcome=\"duplicate\",source=\"webhook\"} 1.0")
        .contains("drwatch_events_received_total{outcome=\"unauthorized\",source=\"webhook\"} 1.0")
        .contains("drwatch_events_received_total{outcome=\"poison\",source=\"sqs\"} 0.0");
    assertThat(scrape.lines().filter(l -> l.startsWith("drwatch_events_received_total" + "{"))).hasSize(14);
    registry.close();
  }

  private static void assertMalformed(HttpResponse<String> r, String field) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    JsonObject body = json(r);
    assertThat(body.getString("error")).isEqualTo("malformed");
    assertThat(body.getString("field")).isEqualTo(field);
    if (field != null) {
      assertThat(body.getString("message")).startsWith(field + ": ");
    }
  }

  /** The refusal was counted under {@code outcome} and nothing reached the sink or the counters. */
  private void assertRefusalsChangedNothing(ReceiveOutcome outcome, long times) {
    assertThat(sink.events()).isEmpty();
    for (ReceiveOutcome o : ReceiveOutcome.values()) {
      assertThat(count(o)).as(o.label()).isEqualTo(o == outcome ? times : 0);
      assertThat(ingest.count(IngestSource.SQS, o)).isZero();
    }
  }

  private static byte[] oversizedEvent() {
    JsonObject event = TestEvents.health("big-1");
    event.getJsonObject("detail").put("pad", "x".repeat(EventsWebhook.BODY_LIMIT));
    return event.encode().getBytes(StandardCharsets.UTF_8);
  }
}
