package io.drwatch.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.RedisPair;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.RedisPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** redis-failover on a real pair: refusals, Redis' abort, then the hand-over itself. Ordered: it swaps the roles. */
@ExtendWith(RedisPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisFailoverActionIT {
  private static RedisPair redis;
  private Vertx vertx;
  private RedisFailoverAction action;

  @BeforeAll
  static void keep(RedisPair pair) throws Exception {
    redis = pair;
    // The redis client's class initialisation on a cold JVM would trip the strict blocked-thread check.
    Vertx lenient = Vertx.vertx();
    try {
      RedisFailoverAction.create(lenient).check(step(Map.of())).await(10, TimeUnit.SECONDS);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
    action = RedisFailoverAction.create(vertx);
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Step step(Map<String, String> more) {
    Map<String, String> params = new HashMap<>(Map.of("url", redis.primaryUrl(), "to", redis.replicaUrl()));
    params.putAll(more);
    return new Step("switch-cache", params, false);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  private static FailureCode code(Throwable e) {
    return ((CodedFailure) e).code();
  }

  @Test
  @Order(1)
  void shouldRefuseAWaitNoLongerThanRedisOwnTimeout() {
    assertThatThrownBy(() -> done(action.apply(step(Map.of("timeoutMillis", "5000", "waitSeconds", "5")))))
        .hasMessage("step switch-cache: waitSeconds: must be longer than timeoutMillis (5000 ms) for redis-failover, was 5");
  }

  @Test
  @Order(2)
  void shouldNotSkipWhileTheRolesAreAsConfigured() throws Exception {
    assertThat(done(action.check(step(Map.of())))).isFalse();
  }

  @Test
  @Order(3)
  void shouldRefuseAServerThatIsNotAReplicaOfThePrimary() {
    int port = FreePorts.pick();
    assertThatThrownBy(() -> done(action.apply(step(Map.of("to", "redis://127.0.0.1:" + port)))))
        .satisfies(e -> assertThat(code(e)).isEqualTo(FailureCode.REJECTED))
        .hasMessageStartingWith("step switch-cache: redis 127.0.0.1:" + redis.primaryPort() + ": 127.0.0.1:" + port
            + " is not an online replica of it (role:master, replicas [127.0.0.1:" + redis.replicaPort() + " (online)]");
  }

  /** The replica is asleep, so it cannot acknowledge the newest write: Redis gives up and writes resume. */
  @Test
  @Order(4)
  void shouldFailTimeoutWhenRedisAbortsBecauseTheReplicaDidNotCatchUp() throws Exception {
    redis.pauseReplica(Duration.ofSeconds(2));
    assertThat(redis.cliPrimary("SET", "behind", "1")).isEqualTo("OK");
    Step step = step(Map.of("timeoutMillis", "300", "waitSeconds", "10"));
    done(action.apply(step));
    long start = System.nanoTime();
    assertThatThrownBy(() -> done(action.await(step)))
        .satisfies(e -> assertThat(code(e)).isEqualTo(FailureCode.TIMEOUT))
        .hasMessage("step switch-cache: failover of redis 127.0.0.1:" + redis.primaryPort() + " to 127.0.0.1:"
            + redis.replicaPort() + ": aborted by Redis, the replica did not catch up within 300 ms; the primary"
            + " takes writes again");
    assertThat(Await.elapsedMillis(start)).isLessThan(2000);
    assertThat(redis.cliPrimary("SET", "afterAbort", "1")).isEqualTo("OK");
    Await.until(Duration.ofSeconds(10), "replica awake and in sync", () -> "1".equals(redis.cliReplica("GET", "afterAbort")));
  }

  /**
   * Writes run all along: every INCR the old primary acknowledged is on the new one, and none more
   * (a write held by the pause and then refused was never acknowledged).
   */
  @Test
  @Order(5)
  void shouldSwapTheRolesWithoutLosingAnAcknowledgedWrite() throws Exception {
    for (int i = 0; i < 100; i++) {
      redis.cliPrimary("SET", "before:" + i, Integer.toString(i));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong acknowledged = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    Thread writer = new Thread(() -> {
      while (writing.get()) {
        try {
          String reply = redis.cliPrimary("INCR", "counter");
          if (reply.matches("\\d+")) {
            acknowledged.accumulateAndGet(Long.parseLong(reply), Math::max);
          } else {
            refused.incrementAndGet();
          }
        } catch (Exception e) {
          refused.incrementAndGet();
        }
      }
    });
    writer.start();
    Await.until(Duration.ofSeconds(5), "some writes", () -> acknowledged.get() > 20);

    Step step = step(Map.of());
    long start = System.nanoTime();
    done(action.apply(step));
    long applied = Await.elapsedMillis(start);
    done(action.await(step));
    long swapped = Await.elapsedMillis(start);
    Await.until(Duration.ofSeconds(5), "a write refused by the demoted primary", () -> refused.get() > 0);
    writing.set(false);
    writer.join(10_000);
    System.out.printf("redis-failover: apply %d ms, apply+await (roles swapped) %d ms; %d INCRs acknowledged%n",
        applied, swapped, acknowledged.get());

    assertThat(redis.cliReplica("INFO", "replication")).contains("role:master");
    assertThat(redis.cliPrimary("INFO", "replication")).contains("role:slave", "master_port:" + redis.replicaPort(),
        "master_link_status:up");
    assertThat(redis.cliReplica("GET", "counter")).isEqualTo(Long.toString(acknowledged.get()));
    assertThat(redis.cliReplica("GET", "before:99")).isEqualTo("99");
    assertThat(redis.cliPrimary("SET", "k", "v")).startsWith("READONLY");
    assertThat(redis.cliReplica("SET", "onNew", "1")).isEqualTo("OK");
    Await.until(Duration.ofSeconds(10), "old primary follows the new", () -> "1".equals(redis.cliPrimary("GET", "onNew")));
    assertThat(done(action.check(step))).as("check after the swap").isTrue();
    assertThat(swapped).isLessThan(5000);
  }

  /** A retry after a crash finds the old primary already following its replica: applied, and verified. */
  @Test
  @Order(6)
  void shouldTreatAnAlreadySwappedPairAsApplied() throws Exception {
    Step step = step(Map.of());
    done(action.apply(step));
    done(action.await(step));
    assertThat(redis.cliReplica("INFO", "replication")).contains("role:master");
  }
}
