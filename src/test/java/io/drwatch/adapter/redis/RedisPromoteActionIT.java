package io.drwatch.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.lab.FreePorts;
import io.drwatch.lab.RedisPair;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.RedisPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** redis-promote against a real primary and replica. Ordered: the last tests promote. */
@ExtendWith(RedisPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisPromoteActionIT {
  private static RedisPair redis;
  private Vertx vertx;
  private RedisPromoteAction action;

  @BeforeAll
  static void keep(RedisPair pair) throws Exception {
    redis = pair;
    // The first connect of a JVM runs the redis client's class initialisation on an event loop,
    // which the strict checker of TestVertx would report. Pay for it here.
    Vertx lenient = Vertx.vertx();
    try {
      RedisPromoteAction.create(lenient).check(step(pair.primaryUrl())).await(10, TimeUnit.SECONDS);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
    action = RedisPromoteAction.create(vertx);
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Step step(String url) {
    return new Step("promote-cache", Map.of("url", url), false);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void shouldFailCheckWithAShortReasonWhenTheReplicaCannotBeReached() {
    int port = FreePorts.pick();
    long start = System.nanoTime();
    assertThatThrownBy(() -> done(action.check(step("redis://127.0.0.1:" + port))))
        .hasMessageStartingWith("redis 127.0.0.1:" + port + ": Connection refused")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThat(Await.elapsedMillis(start)).isLessThan(1000);
  }

  @Test
  @Order(2)
  void shouldRejectBadParametersNamingTheStepAndKey() {
    assertThatThrownBy(() -> done(action.apply(new Step("promote-cache", Map.of(), false))))
        .hasMessage("step promote-cache: url: required for redis-promote");
    assertThatThrownBy(() -> done(action.check(step("http://:secret@h:6379"))))
        .hasMessage("step promote-cache: url: must be an absolute url with scheme redis or rediss for redis-promote");
    Step badWait = new Step("promote-cache", Map.of("url", redis.replicaUrl(), "waitSeconds", "x"), false);
    assertThatThrownBy(() -> done(action.await(badWait))).hasMessage(
        "step promote-cache: waitSeconds: must be a whole number for redis-promote, was \"x\"");
  }

  @Test
  @Order(3)
  void shouldSayTheStepIsNotDoneOnAReplicaAndDoneOnAPrimary() throws Exception {
    assertThat(done(action.check(step(redis.replicaUrl())))).isFalse();
    assertThat(done(action.check(step(redis.primaryUrl())))).isTrue();
  }

  @Test
  @Order(4)
  void shouldPromoteTheReplicaSoItTakesWritesAndThenReportTheStepDone() throws Exception {
    assertThat(redis.cliPrimary("SET", "before", "1")).isEqualTo("OK");
    Await.until(Duration.ofSeconds(10), "key on replica", () -> "1".equals(redis.cliReplica("GET", "before")));
    assertThat(redis.cliReplica("SET", "early", "1")).startsWith("READONLY");
    Step step = step(redis.replicaUrl());
    assertThat(done(action.check(step))).isFalse();

    long start = System.nanoTime();
    done(action.apply(step));
    long applied = Await.elapsedMillis(start);
    done(action.await(step));
    long verified = Await.elapsedMillis(start);
    System.out.printf("redis-promote: apply %d ms, apply+await %d ms%n", applied, verified);

    assertThat(redis.cliReplica("INFO", "replication")).contains("role:master");
    assertThat(redis.cliReplica("SET", "after", "2")).isEqualTo("OK");
    assertThat(redis.cliReplica("MGET", "before", "after")).isEqualTo("1\n2");
    assertThat(done(action.check(step))).as("check after promotion").isTrue();
    assertThat(verified).isLessThan(2000);
  }

  /** REPLICAOF NO ONE on a primary is a no-op, so a repeated apply cannot hurt. */
  @Test
  @Order(5)
  void shouldLeaveAPromotedReplicaAsItIsWhenAppliedAgain() throws Exception {
    Step step = step(redis.replicaUrl());
    done(action.apply(step));
    done(action.await(step));
    assertThat(redis.cliReplica("GET", "after")).isEqualTo("2");
  }
}
