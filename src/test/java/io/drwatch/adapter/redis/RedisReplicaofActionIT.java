package io.drwatch.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
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

/**
 * redis-replicaof on a real pair, as re-protection after a failover: the replica is promoted by
 * hand, then the action re-points the old primary at it. Ordered: the pair's roles change.
 */
@ExtendWith(RedisPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisReplicaofActionIT {
  private static RedisPair redis;
  private Vertx vertx;
  private RedisReplicaofAction action;

  @BeforeAll
  static void keep(RedisPair pair) throws Exception {
    redis = pair;
    // The redis client's class initialisation on a cold JVM would trip the strict blocked-thread check.
    Vertx lenient = Vertx.vertx();
    try {
      RedisReplicaofAction.create(lenient).check(step(pair.replicaUrl(), pair.primaryUrl())).await(10, TimeUnit.SECONDS);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
    action = RedisReplicaofAction.create(vertx);
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Step step(String url, String primary) {
    return new Step("reprotect-cache", Map.of("url", url, "primary", primary), false);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(30, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void shouldRefuseTheNodeAsItsOwnPrimaryNamingTheParam() {
    assertThatThrownBy(() -> done(action.apply(step(redis.primaryUrl(), redis.primaryUrl()))))
        .hasMessage("step reprotect-cache: primary: must be another server than url for redis-replicaof");
  }

  @Test
  @Order(2)
  void shouldSkipAReplicaThatAlreadyFollowsThatPrimary() throws Exception {
    assertThat(done(action.check(step(redis.replicaUrl(), redis.primaryUrl())))).isTrue();
    assertThat(done(action.check(step(redis.primaryUrl(), redis.replicaUrl())))).as("the primary follows nobody").isFalse();
  }

  @Test
  @Order(3)
  void shouldMakeTheOldPrimaryAReplicaOfThePromotedOneWithItsData() throws Exception {
    assertThat(redis.cliPrimary("SET", "before", "1")).isEqualTo("OK");
    Await.until(Duration.ofSeconds(10), "key on replica", () -> "1".equals(redis.cliReplica("GET", "before")));
    // The failover: the replica is promoted, takes writes; the old primary took one alone meanwhile.
    assertThat(redis.cliReplica("REPLICAOF", "NO", "ONE")).isEqualTo("OK");
    assertThat(redis.cliReplica("SET", "after", "2")).isEqualTo("OK");
    assertThat(redis.cliPrimary("SET", "stray", "x")).isEqualTo("OK");

    Step step = step(redis.primaryUrl(), redis.replicaUrl());
    assertThat(done(action.check(step))).isFalse();
    long start = System.nanoTime();
    done(action.apply(step));
    long applied = Await.elapsedMillis(start);
    done(action.await(step));
    long synced = Await.elapsedMillis(start);
    System.out.printf("redis-replicaof: apply %d ms, apply+await (link up, sync done) %d ms%n", applied, synced);

    assertThat(redis.cliPrimary("INFO", "replication")).contains("role:slave", "master_port:" + redis.replicaPort(),
        "master_link_status:up");
    assertThat(redis.cliPrimary("MGET", "before", "after")).isEqualTo("1\n2");
    assertThat(redis.cliPrimary("EXISTS", "stray")).as("what the old primary held alone is dropped").isEqualTo("0");
    assertThat(redis.cliPrimary("SET", "k", "v")).startsWith("READONLY");
    assertThat(redis.cliReplica("SET", "later", "3")).isEqualTo("OK");
    Await.until(Duration.ofSeconds(10), "new write on the re-protected node", () -> "3".equals(redis.cliPrimary("GET", "later")));
    assertThat(done(action.check(step))).as("check after re-pointing").isTrue();
    assertThat(synced).isLessThan(5000);
  }

  /** Again on a node that follows already: Redis does nothing, and the step still verifies. */
  @Test
  @Order(4)
  void shouldLeaveAFollowingNodeAsItIsWhenAppliedAgain() throws Exception {
    String fullSyncs = field(redis.cliReplica("INFO", "stats"), "sync_full");
    Step step = step(redis.primaryUrl(), redis.replicaUrl());
    done(action.apply(step));
    done(action.await(step));
    assertThat(field(redis.cliReplica("INFO", "stats"), "sync_full")).as("no new full sync").isEqualTo(fullSyncs);
    assertThat(redis.cliPrimary("GET", "later")).isEqualTo("3");
  }

  /** The roles are now reversed: pointing the new primary at the old one (a replica) is refused. */
  @Test
  @Order(5)
  void shouldRefuseToFollowAServerThatIsNotAPrimary() throws Exception {
    assertThatThrownBy(() -> done(action.apply(step(redis.replicaUrl(), redis.primaryUrl()))))
        .isInstanceOf(CodedFailure.class)
        .satisfies(e -> assertThat(((CodedFailure) e).code()).isEqualTo(FailureCode.REJECTED))
        .hasMessageContaining("redis 127.0.0.1:" + redis.primaryPort() + " is not a primary (role:slave of")
        .hasMessageEndingWith("redis 127.0.0.1:" + redis.replicaPort() + " left as it is");
    assertThat(redis.cliReplica("INFO", "replication")).contains("role:master");
  }

  @Test
  @Order(6)
  void shouldCompareThePrimaryAsTheStepNamesItAndRepointByThatName() throws Exception {
    Step step = new Step("reprotect-cache", Map.of("url", redis.primaryUrl(), "primary",
        "redis://localhost:" + redis.replicaPort(), "waitSeconds", "1"), false);
    assertThat(done(action.check(step))).as("localhost is not the 127.0.0.1 it follows").isFalse();
    done(action.apply(step));
    done(action.await(step));
    assertThat(redis.cliPrimary("INFO", "replication")).contains("master_host:localhost");
  }

  private static String field(String info, String name) {
    return ReplicationInfo.parse(info).fields().get(name);
  }
}
