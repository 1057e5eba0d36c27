package io.drwatch.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.tcp.CheckResult;
import io.drwatch.adapter.tcp.StallingProxy;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.RedisPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The redis target probe against a real primary: live, refused, frozen (SIGSTOP), black-holed
 * and restarted. Ordered: the last test kills and restarts the primary.
 */
@ExtendWith(RedisPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisTargetProbeIT {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static RedisPair redis;
  private static long pid;
  private Vertx vertx;
  private final List<RedisTargetProbe> probes = new ArrayList<>();

  @BeforeAll
  static void keep(RedisPair pair) throws Exception {
    redis = pair;
    pid = Long.parseLong(info("process_id"));
    // The first connect of a JVM runs Netty's and the redis client's class initialisation on an
    // event loop, which the strict checker of TestVertx would report. Pay for it here.
    Vertx lenient = Vertx.vertx();
    try {
      CheckResult.run(RedisTargetProbe.create(lenient, pair.primaryUrl(), Optional.empty(), TIMEOUT));
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void thaw() throws IOException {
    signal("CONT"); // in case a test failed while the server was frozen
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
  }

  @AfterEach
  void stopVertx() throws Exception {
    for (RedisTargetProbe p : probes) {
      p.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private RedisTargetProbe probe(String url, Optional<String> password) {
    RedisTargetProbe p = RedisTargetProbe.create(vertx, url, password, TIMEOUT);
    probes.add(p);
    return p;
  }

  private RedisTargetProbe probe(String url) {
    return probe(url, Optional.empty());
  }

  @Test
  @Order(1)
  void shouldSucceedOnALivePrimary() {
    RedisTargetProbe probe = probe(redis.primaryUrl());
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      CheckResult r = CheckResult.run(probe);
      assertThat(r.ok()).as(r.toString()).isTrue();
      ms.add(r.millis());
    }
    ms.sort(null);
    System.out.printf("redis live, 30 checks (fresh connection each): p50=%d ms max=%d ms%n",
        ms.get(15), ms.get(29));
  }

  /** As the daemon calls it: from an event loop, which the strict test Vert.x watches. */
  @Test
  @Order(1)
  void shouldNotBlockTheEventLoop() {
    List<CheckResult> runs = CheckResult.runOnEventLoop(vertx, probe(redis.primaryUrl()), 20);
    assertThat(runs).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
  }

  @Test
  @Order(2)
  void shouldNameTheServerErrorWhenAuthenticationIsMissingOrWrong() throws Exception {
    assertThat(redis.cliPrimary("CONFIG", "SET", "requirepass", "s3cret")).isEqualTo("OK");
    try {
      CheckResult none = CheckResult.run(probe(redis.primaryUrl()));
      CheckResult wrong = CheckResult.run(probe(redis.primaryUrl(), Optional.of("wrong")));
      CheckResult right = CheckResult.run(probe(redis.primaryUrl(), Optional.of("s3cret")));
      System.out.printf("redis requirepass: no password %s; wrong %s; right %s%n", none, wrong, right);
      assertThat(none.ok()).isFalse();
      assertThat(none.reason()).startsWith("NOAUTH");
      assertThat(wrong.ok()).isFalse();
      assertThat(wrong.reason()).startsWith("WRONGPASS");
      assertThat(right.ok()).as(right.toString()).isTrue();
    } finally {
      redis.cliPrimary("-a", "s3cret", "--no-auth-warning", "CONFIG", "SET", "requirepass", "");
    }
  }

  @Test
  @Order(3)
  void shouldReportConnectionRefusedOnAClosedPort() {
    CheckResult r = CheckResult.run(probe("redis://127.0.0.1:" + FreePorts.pick()));
    System.out.println("redis closed port: " + r);
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).startsWith("Connection refused: ");
    assertThat(r.millis()).isLessThan(TIMEOUT.toMillis() / 2);
  }

  @Test
  @Order(4)
  void shouldTimeOutWhileTheServerIsFrozenAndRecoverWithinTwoChecks() throws Exception {
    RedisTargetProbe probe = probe(redis.primaryUrl());
    assertThat(CheckResult.run(probe).ok()).isTrue();
    int clientsBefore = Integer.parseInt(info("connected_clients"));
    signal("STOP");
    List<CheckResult> frozen = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        frozen.add(CheckResult.run(probe));
      }
    } finally {
      signal("CONT");
    }
    List<CheckResult> after = List.of(CheckResult.run(probe), CheckResult.run(probe));
    System.out.printf("redis SIGSTOP: %s; after SIGCONT: %s%n", frozen, after);
    assertThat(frozen).allSatisfy(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.reason()).isEqualTo("no answer within 500ms");
      assertThat(r.millis()).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 200);
    });
    assertThat(after.get(1).ok()).as(after.toString()).isTrue();
    // The connections of the frozen checks were closed by the probe, not left behind.
    Await.until(Duration.ofSeconds(5), "connected_clients back to " + clientsBefore,
        () -> Integer.parseInt(info("connected_clients")) <= clientsBefore);
  }

  /**
   * A black hole that never lifts for connections made while it was there, as after an address
   * moved away: later checks must not inherit those connections.
   */
  @Test
  @Order(5)
  void shouldNotInheritAConnectionThatHungInABlackHole() throws Exception {
    try (StallingProxy proxy = new StallingProxy(redis.primaryPort())) {
      RedisTargetProbe probe = probe("redis://127.0.0.1:" + proxy.port());
      assertThat(CheckResult.run(probe).ok()).isTrue();
      proxy.stall();
      List<CheckResult> stalled = List.of(CheckResult.run(probe), CheckResult.run(probe));
      proxy.heal();
      CheckResult healed = CheckResult.run(probe);
      System.out.printf("redis black hole: %s; new connections pass again: %s%n", stalled, healed);
      assertThat(stalled).allSatisfy(r -> assertThat(r.reason()).isEqualTo("no answer within 500ms"));
      assertThat(healed.ok()).as(healed.toString()).isTrue();
      // Every check closed its socket, answered or not.
      Await.until(Duration.ofSeconds(3), () -> proxy.openClientConnections() == 0);
    }
  }

  @Test
  @Order(6)
  void shouldFailAfterAKillAndRecoverOnTheFirstCheckAfterARestart() {
    RedisTargetProbe probe = probe(redis.primaryUrl());
    assertThat(CheckResult.run(probe).ok()).isTrue();
    redis.killPrimary();
    CheckResult down = CheckResult.run(probe);
    redis.startPrimary();
    CheckResult back = CheckResult.run(probe);
    System.out.printf("redis kill -9: %s; after restart: %s%n", down, back);
    assertThat(down.ok()).isFalse();
    assertThat(down.reason()).startsWith("Connection refused: ");
    assertThat(back.ok()).as(back.toString()).isTrue();
  }

  private static String info(String field) throws IOException {
    for (String line : redis.cliPrimary("INFO").split("\n")) {
      if (line.startsWith(field + ":")) {
        return line.substring(field.length() + 1).strip();
      }
    }
    throw new IOException("INFO has no " + field);
  }

  private static void signal(String name) throws IOException {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
          .redirectErrorStream(true).start();
      String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IOException("kill -" + name + " " + pid + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
