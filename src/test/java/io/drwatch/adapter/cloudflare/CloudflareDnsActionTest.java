package io.drwatch.adapter.cloudflare;

import io.drwatch.adapter.support.Backoff;
import io.drwatch.adapter.support.Retry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.OnContext;
import io.drwatch.adapter.cloudflare.CloudflareFake.Fault;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cloudflare-dns over real HTTP against {@link CloudflareFake}. */
class CloudflareDnsActionTest {
  static final Retry FAST = Retry.of("cloudflare").backoff(new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)));
  private static Vertx vertx;
  private static CloudflareFake cf;
  private static CloudflarePatchAction action;

  @BeforeAll
  @NoBlockedThreadsExtension.WarmUp
  static void start() throws Exception {
    vertx = TestVertx.create();
    cf = new CloudflareFake(vertx);
    action = new CloudflarePatchAction(new CloudflareDnsDescriptor(), new CloudflareApi(vertx,
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)), FAST, Duration.ofMillis(20)));
    // Cold JVM: the first exchange (and first retry) loads classes for a while, once; not in a test.
    cf.addRecord("zwarm", "rwarm", "192.0.2.1");
    cf.faults.add(Fault.status(503, 10001, "warm-up", null));
    OnContext.run(vertx, () -> action.check(step("zwarm", "rwarm", "192.0.2.1")));
    OnContext.run(vertx, () -> action.apply(step("zwarm", "rwarm", "192.0.2.2")));
    OnContext.run(vertx, () -> action.await(step("zwarm", "rwarm", "192.0.2.2")));
  }

  @AfterAll
  static void stop() throws Exception {
    cf.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void reset() {
    cf.reset();
  }

  static Step step(String zone, String record, String content, String... extra) {
    Map<String, String> params = new HashMap<>(Map.of("apiToken", CloudflareFake.TOKEN, "apiBase", cf.base(),
        "zone", zone, "record", record, "content", content));
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    return new Step("dns-to-dr", params, false);
  }

  private static <T> T run(Supplier<Future<T>> call) throws Exception {
    return OnContext.run(vertx, call);
  }

  @Test
  void shouldSkipWhenTheRecordAlreadyPointsThere() throws Exception {
    cf.addRecord("z1", "r1", "198.51.100.7");
    assertThat(run(() -> action.check(step("z1", "r1", "198.51.100.7")))).isTrue();
    assertThat(run(() -> action.check(step("z1", "r1", "203.0.113.9")))).isFalse();
    assertThat(run(() -> action.check(step("z1", "r1", "198.51.100.7", "ttl", "300")))).as("ttl differs").isFalse();
    assertThat(cf.seen).allSatisfy(s -> {
      assertThat(s.method()).isEqualTo("GET");
      assertThat(s.authorization()).isEqualTo("Bearer " + CloudflareFake.TOKEN);
    });
  }

  @Test
  void shouldPatchOnlyTheGivenFieldsAndReadBackUntilVisible() throws Exception {
    cf.addRecord("z2", "r2", "198.51.100.7");
    cf.staleReads = 2;
    Step step = step("z2", "r2", "203.0.113.9", "proxied", "true", "ttl", "1");
    assertThat(run(() -> action.check(step))).isFalse();
    run(() -> action.apply(step));
    run(() -> action.await(step));

    assertThat(cf.seen).extracting(CloudflareFake.Seen::method).containsExactly("GET", "PATCH", "GET", "GET", "GET");
    assertThat(cf.seen.get(1).path()).isEqualTo("/client/v4/zones/z2/dns_records/r2");
    assertThat(cf.seen.get(1).body()).isEqualTo(new JsonObject().put("content", "203.0.113.9").put("proxied", true)
        .put("ttl", 1));
    assertThat(cf.object("/zones/z2/dns_records/r2").getString("name")).isEqualTo("app.example.com");
    assertThat(run(() -> action.check(step))).isTrue();
  }

  @Test
  void shouldFailAtOnceOnAnUnknownRecordAndOnABadToken() {
    assertThatThrownBy(() -> run(() -> action.check(step("z3", "nosuch", "203.0.113.9"))))
        .hasMessage("step dns-to-dr: cloudflare GET /zones/z3/dns_records/nosuch failed: HTTP 404: 81044 Record does "
            + "not exist.");
    cf.addRecord("z3", "r3", "198.51.100.7");
    Step wrongToken = step("z3", "r3", "203.0.113.9", "apiToken", "not-the-token");
    assertThatThrownBy(() -> run(() -> action.apply(wrongToken)))
        .hasMessage("step dns-to-dr: cloudflare PATCH /zones/z3/dns_records/r3 failed: HTTP 403: 10000 Authentication "
            + "error")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-token"));
    assertThat(cf.seen).hasSize(2);
  }

  @Test
  void shouldHonourRetryAfterOn429ThenSucceed() throws Exception {
    cf.addRecord("z4", "r4", "198.51.100.7");
    cf.faults.add(Fault.status(429, 971, "Please wait and consider throttling your request speed", "1"));
    List<LogRecord> logged = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        logged.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Logger log = Logger.getLogger(Retry.class.getName());
    log.addHandler(capture);
    long start = System.nanoTime();
    try {
      run(() -> action.apply(step("z4", "r4", "203.0.113.9")));
    } finally {
      log.removeHandler(capture);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited Retry-After: 1").isGreaterThan(Duration.ofMillis(900));
    assertThat(logged).hasSize(1).allSatisfy(r -> assertThat(new SimpleFormatter().formatMessage(r))
        .contains("attempt 1 of 4 failed, retrying in 1000 ms: HTTP 429: 971 Please wait")
        .doesNotContain(CloudflareFake.TOKEN));
    assertThat(cf.seen).extracting(CloudflareFake.Seen::method).containsExactly("PATCH", "PATCH");
    assertThat(cf.object("/zones/z4/dns_records/r4").getString("content")).isEqualTo("203.0.113.9");
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() {
    cf.addRecord("z5", "r5", "198.51.100.7");
    cf.always = Fault.status(502, 10002, "Bad gateway", null);
    assertThatThrownBy(() -> run(() -> action.apply(step("z5", "r5", "203.0.113.9"))))
        .hasMessage("step dns-to-dr: cloudflare PATCH /zones/z5/dns_records/r5 failed after 4 attempts: HTTP 502: "
            + "10002 Bad gateway");
    assertThat(cf.seen).hasSize(4);
  }

  @Test
  void shouldRetryASlowAnswerAndFailWhenEveryAttemptIsSlow() throws Exception {
    cf.addRecord("z6", "r6", "198.51.100.7");
    cf.faults.add(Fault.stall(Duration.ofSeconds(3)));
    assertThat(run(() -> action.check(step("z6", "r6", "198.51.100.7", "timeoutSeconds", "1")))).isTrue();
    assertThat(cf.seen).hasSize(2);

    cf.always = Fault.stall(Duration.ofSeconds(3));
    assertThatThrownBy(() -> run(() -> action.check(step("z6", "r6", "198.51.100.7", "timeoutSeconds", "1"))))
        .hasMessage("step dns-to-dr: cloudflare GET /zones/z6/dns_records/r6 failed after 4 attempts: no answer "
            + "within 1s");
  }

  @Test
  void shouldNameTheStepKeyAndValueOfABadParameter() {
    assertThatThrownBy(() -> run(() -> action.apply(step("z7", "r7", "x", "ttl", "30"))))
        .hasMessage("step dns-to-dr: ttl: must be 1 (automatic) or between 60 and 86400 for cloudflare-dns, was 30");
    assertThatThrownBy(() -> run(() -> action.apply(step("z7", "r7", "x", "proxied", "yes"))))
        .hasMessage("step dns-to-dr: proxied: must be true or false for cloudflare-dns, was \"yes\"");
    assertThatThrownBy(() -> run(() -> action.apply(step("../z7", "r7", "x"))))
        .hasMessage("step dns-to-dr: zone: must be a Cloudflare id (letters and digits) for cloudflare-dns, was \"../z7\"");
    Step noToken = new Step("dns-to-dr", Map.of("zone", "z7", "record", "r7", "content", "x"), false);
    assertThatThrownBy(() -> run(() -> action.apply(noToken))).hasMessage("step dns-to-dr: apiToken: required for cloudflare-dns");
    assertThat(cf.seen).isEmpty();
  }
}
