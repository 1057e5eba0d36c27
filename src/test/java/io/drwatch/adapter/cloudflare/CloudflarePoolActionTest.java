package io.drwatch.adapter.cloudflare;

import io.drwatch.testkit.LoopTicks;

import io.drwatch.testkit.Await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.OnContext;
import io.drwatch.adapter.cloudflare.CloudflareFake.Fault;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.NoBlockedThreadsExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** cloudflare-pool over real HTTP against {@link CloudflareFake}. */
class CloudflarePoolActionTest {
  private static Vertx vertx;
  private static CloudflareFake cf;
  private static CloudflarePatchAction action;

  @BeforeAll
  @NoBlockedThreadsExtension.WarmUp
  static void start() throws Exception {
    vertx = TestVertx.create();
    cf = new CloudflareFake(vertx);
    action = new CloudflarePatchAction(new CloudflarePoolDescriptor(), new CloudflareApi(vertx,
        vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false)), CloudflareDnsActionTest.FAST,
        Duration.ofMillis(20)));
    // Cold JVM: the first exchange (and first retry) loads classes for a while, once; not in a test.
    cf.addPool("awarm", "pwarm", true);
    cf.faults.add(Fault.status(503, 10001, "warm-up", null));
    OnContext.run(vertx, () -> action.check(step("awarm", "pwarm", "true")));
    OnContext.run(vertx, () -> action.apply(step("awarm", "pwarm", "false")));
    OnContext.run(vertx, () -> action.await(step("awarm", "pwarm", "false")));
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

  static Step step(String account, String pool, String enabled, String... extra) {
    Map<String, String> params = new HashMap<>(Map.of("apiToken", CloudflareFake.TOKEN, "apiBase", cf.base(),
        "account", account, "pool", pool, "enabled", enabled));
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    return new Step("pool-off", params, false);
  }

  private static <T> T run(Supplier<Future<T>> call) throws Exception {
    return OnContext.run(vertx, call);
  }

  @Test
  void shouldSkipWhenThePoolIsAlreadyInTheState() throws Exception {
    cf.addPool("a1", "p1", false);
    assertThat(run(() -> action.check(step("a1", "p1", "false")))).isTrue();
    assertThat(run(() -> action.check(step("a1", "p1", "true")))).isFalse();
    assertThat(cf.seen).extracting(CloudflareFake.Seen::method).containsOnly("GET");
  }

  @Test
  void shouldPatchOnlyEnabledAndReadBackUntilVisible() throws Exception {
    cf.addPool("a2", "p2", true);
    cf.staleReads = 2;
    Step step = step("a2", "p2", "false");
    assertThat(run(() -> action.check(step))).isFalse();
    run(() -> action.apply(step));
    run(() -> action.await(step));

    assertThat(cf.seen).extracting(CloudflareFake.Seen::method).containsExactly("GET", "PATCH", "GET", "GET", "GET");
    assertThat(cf.seen.get(1).path()).isEqualTo("/client/v4/accounts/a2/load_balancers/pools/p2");
    assertThat(cf.seen.get(1).body()).isEqualTo(new JsonObject().put("enabled", false));
    assertThat(cf.seen).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("Bearer " + CloudflareFake.TOKEN));
    assertThat(cf.object("/accounts/a2/load_balancers/pools/p2").getJsonArray("origins")).hasSize(1);
    assertThat(run(() -> action.check(step))).isTrue();
  }

  @Test
  void shouldFailAtOnceOnAnUnknownPool() {
    assertThatThrownBy(() -> run(() -> action.apply(step("a3", "nosuch", "false"))))
        .hasMessage("step pool-off: cloudflare PATCH /accounts/a3/load_balancers/pools/nosuch failed: HTTP 404: "
            + "1002 Pool not found");
    assertThat(cf.seen).hasSize(1);
  }

  @Test
  void shouldRetry429WithoutRetryAfterThenSucceed() throws Exception {
    cf.addPool("a4", "p4", true);
    cf.faults.add(Fault.status(429, 971, "Please wait and consider throttling your request speed", null));
    cf.faults.add(Fault.status(429, 971, "Please wait and consider throttling your request speed", null));
    run(() -> action.apply(step("a4", "p4", "false")));
    assertThat(cf.seen).hasSize(3);
    assertThat(cf.object("/accounts/a4/load_balancers/pools/p4").getBoolean("enabled")).isFalse();
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() {
    cf.addPool("a5", "p5", true);
    cf.always = Fault.status(500, 10000, "Internal error", null);
    assertThatThrownBy(() -> run(() -> action.check(step("a5", "p5", "false"))))
        .hasMessage("step pool-off: cloudflare GET /accounts/a5/load_balancers/pools/p5 failed after 4 attempts: "
            + "HTTP 500: 10000 Internal error");
    assertThat(cf.seen).hasSize(4);
  }

  @Test
  void shouldRetryASlowAnswerThenSucceed() throws Exception {
    cf.addPool("a6", "p6", true);
    cf.faults.add(Fault.stall(Duration.ofSeconds(3)));
    run(() -> action.apply(step("a6", "p6", "false", "timeoutSeconds", "1")));
    assertThat(cf.seen).extracting(CloudflareFake.Seen::method).containsExactly("PATCH", "PATCH");
    assertThat(cf.object("/accounts/a6/load_balancers/pools/p6").getBoolean("enabled")).isFalse();
  }

  @Test
  void shouldGiveUpWaitingForAStateThatNeverShows() throws Exception {
    cf.addPool("a7", "p7", true);
    cf.staleReads = Integer.MAX_VALUE;
    Step step = step("a7", "p7", "false", "waitSeconds", "1");
    run(() -> action.apply(step));
    assertThatThrownBy(() -> run(() -> action.await(step)))
        .hasMessage("step pool-off: pool /accounts/a7/load_balancers/pools/p7 to {\"enabled\":false}: still "
            + "{\"enabled\":true} after 1s");
  }

  @Test
  void shouldStopReadingBackOnceTheStepIsAbandoned() throws Exception {
    cf.addPool("a9", "p9", true);
    cf.staleReads = Integer.MAX_VALUE;
    Promise<Void> abandoned = Promise.promise();
    Step step = new Step("pool-off", step("a9", "p9", "false").params(), false, "run-1", 1, abandoned.future());
    run(() -> action.apply(step));
    CompletableFuture<Throwable> awaited = new CompletableFuture<>();
    vertx.runOnContext(v -> action.await(step).onComplete(ar -> awaited.complete(ar.cause())));
    Await.until(Duration.ofSeconds(10), "the PATCH, then at least three reads back", () -> cf.seen.size() >= 4);

    run(() -> {
      abandoned.complete();
      return Future.succeededFuture();
    });

    assertThat(awaited.get(5, TimeUnit.SECONDS)).hasMessage("abandoned");
    LoopTicks.await(vertx, Duration.ofMillis(20), 2); // a read in flight at the abandonment may still land
    int after = cf.seen.size();
    LoopTicks.await(vertx, Duration.ofMillis(20), 10);
    assertThat(cf.seen).as("requests after the step was abandoned").hasSize(after);
  }

  @Test
  void shouldStartNoRetryOnceTheStepIsAbandoned() throws Exception {
    cf.addPool("a10", "p10", true);
    cf.always = Fault.status(500, 10000, "Internal error", null);
    Promise<Void> abandoned = Promise.promise();
    abandoned.complete();
    Step step = new Step("pool-off", step("a10", "p10", "false").params(), false, "run-1", 1, abandoned.future());
    assertThatThrownBy(() -> run(() -> action.apply(step)))
        .hasMessage("step pool-off: cloudflare PATCH /accounts/a10/load_balancers/pools/p10: abandoned");
    assertThat(cf.seen).isEmpty();
  }

  @Test
  void shouldNameTheStepKeyAndValueOfABadParameter() {
    assertThatThrownBy(() -> run(() -> action.apply(step("a8", "p8", "off"))))
        .hasMessage("step pool-off: enabled: must be true or false for cloudflare-pool, was \"off\"");
    assertThatThrownBy(() -> run(() -> action.apply(step("a8", "p8", "false", "apiBase", "ftp://x"))))
        .hasMessage("step pool-off: apiBase: must be an absolute url with scheme http or https for cloudflare-pool");
    assertThat(cf.seen).isEmpty();
  }
}
