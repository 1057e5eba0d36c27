package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigLoader;
import io.drwatch.testkit.TestVertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One token per role against a running daemon: each role's endpoints refuse the other roles'
 * tokens (401 or 403), the read routes want only the read token when one is set and ignore
 * {@code Authorization} when none is, and no token shows in the status or the logs.
 */
class RoleTokensIT {
  private static final String OPERATOR = "operator-tok-1c9e";
  private static final String PEER = "peer-tok-77a2";
  private static final String EVENTS = "events-tok-5b10";
  private static final String READ = "read-tok-e4f3";
  private static final List<String> ALL = List.of(OPERATOR, PEER, EVENTS, READ);

  @TempDir
  Path dir;
  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Logger root = Logger.getLogger("");
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters())
          + " " + r.getThrown());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Daemon daemon;
  private VertxOptions options = TestVertx.options();

  /**
   * A cold JVM links the probes' and the router's code on the first rounds and requests, blocking
   * a loop for 100+ ms: run one test's requests here, where the blocked-thread check does not
   * count, so that each test measures its own work.
   */
  @BeforeAll
  static void warmUp(@TempDir Path warm) throws Exception {
    RoleTokensIT cold = new RoleTokensIT();
    cold.dir = warm;
    cold.options = new VertxOptions();
    cold.setUp();
    try {
      cold.shouldRefuseEachRolesTokenAtTheOtherRolesEndpoints();
    } finally {
      cold.tearDown();
      NoBlockedThreadsExtension.recorder().drain();
    }
  }

  @BeforeEach
  void setUp() {
    root.addHandler(capture);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    root.removeHandler(capture);
    assertThat(logged).as("no token in any log line").noneMatch(l -> ALL.stream().anyMatch(l::contains));
  }

  private Daemon start(String httpSection) throws Exception {
    Path peerFile = Files.writeString(dir.resolve("peer-token"), PEER + "\n");
    String yaml = """
        observer: { name: tokens-it }
        %s
        channels:
          - { name: a, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
        detection:
          peerTokenFile: "%s"
          events: { token: %s }
        state: { dir: "%s" }
        runbook:
          token: %s
          steps:
            - { id: promote, action: redis-promote, params: { url: "redis://127.0.0.1:2" }, drill: skip }
        """.formatted(httpSection, peerFile, EVENTS, dir.resolve("state"), OPERATOR);
    return Daemon.start(ConfigLoader.parse(yaml, Map.<String, String>of()::get), options);
  }

  private int call(String method, String path, String header, String value) throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + daemon.httpPort() + path))
        .timeout(Duration.ofSeconds(10)).method(method, method.equals("POST")
            ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
    if (header != null) {
      req.header(header, value);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private int bearer(String method, String path, String token) throws Exception {
    return call(method, path, token == null ? null : "Authorization", token == null ? null : "Bearer " + token);
  }

  @Test
  void shouldRefuseEachRolesTokenAtTheOtherRolesEndpoints() throws Exception {
    daemon = start("http: { host: 127.0.0.1, port: 0, readToken: " + READ + " }");

    for (String path : List.of("/api/v1/failover?mode=plan", "/api/v1/rearm", "/api/v1/runs/nope/cancel",
        "/api/v1/runs/nope/approve")) {
      assertThat(bearer("POST", path, null)).as(path + " without a token").isEqualTo(401);
      for (String other : List.of(PEER, EVENTS, READ)) {
        assertThat(bearer("POST", path, other)).as(path + " with another role's token").isEqualTo(403);
      }
    }
    assertThat(bearer("POST", "/api/v1/failover?mode=plan", OPERATOR)).isEqualTo(200);

    assertThat(bearer("GET", "/api/v1/votes", null)).isEqualTo(401);
    for (String other : List.of(OPERATOR, EVENTS, READ)) {
      assertThat(bearer("GET", "/api/v1/votes", other)).as("votes with another role's token").isEqualTo(403);
    }
    assertThat(bearer("GET", "/api/v1/votes", PEER)).isEqualTo(200);

    for (String other : List.of(OPERATOR, PEER, READ)) {
      assertThat(call("POST", "/api/v1/events", "x-api-key", other)).as("events with another role's token")
          .isEqualTo(403);
      assertThat(bearer("POST", "/api/v1/events", other)).as("events take no Bearer token").isEqualTo(401);
    }
    assertThat(call("POST", "/api/v1/events", "x-api-key", EVENTS)).as("past the token: {} is no event")
        .isEqualTo(400);

    for (String path : List.of("/api/v1/status", "/api/v1/runs", "/api/v1/rto", "/metrics", "/healthz", "/")) {
      assertThat(bearer("GET", path, null)).as(path + " without the read token").isEqualTo(401);
      for (String other : List.of(OPERATOR, PEER, EVENTS)) {
        assertThat(bearer("GET", path, other)).as(path + " with another role's token").isEqualTo(403);
      }
      assertThat(bearer("GET", path, READ)).as(path).isIn(200, 503);
    }
  }

  @Test
  void shouldLeaveReadRoutesOpenIgnoringAuthorizationWithoutAReadToken() throws Exception {
    daemon = start("http: { host: 127.0.0.1, port: 0 }");

    for (String path : List.of("/api/v1/status", "/api/v1/runs", "/api/v1/rto", "/metrics", "/healthz", "/")) {
      assertThat(bearer("GET", path, null)).as(path).isIn(200, 503);
      assertThat(bearer("GET", path, "nonsense")).as(path + " ignores Authorization").isIn(200, 503);
    }
    HttpResponse<String> status = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + daemon.httpPort() + "/api/v1/status")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(status.body()).contains("tokens-it").doesNotContain(OPERATOR, PEER, EVENTS, READ);
    assertThat(bearer("POST", "/api/v1/rearm", PEER)).isEqualTo(403);
  }
}
