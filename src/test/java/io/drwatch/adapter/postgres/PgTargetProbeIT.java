package io.drwatch.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.tcp.CheckResult;
import io.drwatch.adapter.tcp.StallingProxy;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * The postgres target probe against a real primary: live, refused, frozen (SIGSTOP), black-holed
 * and restarted. Ordered: the last test kills and restarts the primary.
 */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgTargetProbeIT {
  private static final Duration TIMEOUT = Duration.ofMillis(500);
  private static PostgresPair pg;
  private Vertx vertx;
  private final List<PgTargetProbe> probes = new ArrayList<>();

  @BeforeAll
  static void keep(PostgresPair pair) throws Exception {
    pg = pair;
    // The first connect of a JVM runs Netty's and the pg client's class initialisation on an
    // event loop, which the strict checker of TestVertx would report. Pay for it here.
    Vertx lenient = Vertx.vertx();
    try {
      CheckResult.run(PgTargetProbe.create(lenient, pair.primaryUrl(), Optional.empty(), TIMEOUT));
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @AfterAll
  static void thaw() throws IOException {
    signal("CONT", postmasterAndChildren()); // in case a test failed while the server was frozen
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
  }

  @AfterEach
  void stopVertx() throws Exception {
    for (PgTargetProbe p : probes) {
      p.close().await(5, TimeUnit.SECONDS);
    }
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private PgTargetProbe probe(String url) {
    PgTargetProbe p = PgTargetProbe.create(vertx, url, Optional.empty(), TIMEOUT);
    probes.add(p);
    return p;
  }

  @Test
  @Order(1)
  void shouldSucceedOnALivePrimary() {
    PgTargetProbe probe = probe(pg.primaryUrl());
    List<Long> ms = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      CheckResult r = CheckResult.run(probe);
      assertThat(r.ok()).as(r.toString()).isTrue();
      ms.add(r.millis());
    }
    ms.sort(null);
    System.out.printf("pg live, 30 checks (fresh connection each): p50=%d ms max=%d ms%n",
        ms.get(15), ms.get(29));
  }

  /** As the daemon calls it: from an event loop, which the strict test Vert.x watches. */
  @Test
  @Order(1)
  void shouldNotBlockTheEventLoop() {
    List<CheckResult> runs = CheckResult.runOnEventLoop(vertx, probe(pg.primaryUrl()), 20);
    assertThat(runs).allSatisfy(r -> assertThat(r.ok()).as(r.toString()).isTrue());
  }

  @Test
  @Order(2)
  void shouldNameTheServerErrorWhenTheDatabaseDoesNotExist() {
    CheckResult r = CheckResult.run(probe("postgresql://postgres@127.0.0.1:" + pg.primaryPort() + "/nope"));
    System.out.println("pg unknown database: " + r);
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).isEqualTo("FATAL 3D000: database \"nope\" does not exist");
  }

  @Test
  @Order(3)
  void shouldReportConnectionRefusedOnAClosedPort() {
    CheckResult r = CheckResult.run(probe("postgresql://postgres@127.0.0.1:" + FreePorts.pick() + "/postgres"));
    System.out.println("pg closed port: " + r);
    assertThat(r.ok()).isFalse();
    assertThat(r.reason()).startsWith("Connection refused: ");
    assertThat(r.millis()).isLessThan(TIMEOUT.toMillis() / 2);
  }

  /** The whole server frozen, as in a stalled VM: postmaster and every backend. */
  @Test
  @Order(4)
  void shouldTimeOutWhileTheServerIsFrozenAndRecoverWithinTwoChecks() throws Exception {
    PgTargetProbe probe = probe(pg.primaryUrl());
    assertThat(CheckResult.run(probe).ok()).isTrue();
    List<Long> pids = postmasterAndChildren();
    signal("STOP", pids);
    List<CheckResult> frozen = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        frozen.add(CheckResult.run(probe));
      }
    } finally {
      signal("CONT", pids);
    }
    List<CheckResult> after = List.of(CheckResult.run(probe), CheckResult.run(probe));
    System.out.printf("pg SIGSTOP (%d processes): %s; after SIGCONT: %s%n", pids.size(), frozen, after);
    assertThat(frozen).allSatisfy(r -> {
      assertThat(r.ok()).isFalse();
      assertThat(r.reason()).isEqualTo("no answer within 500ms");
      assertThat(r.millis()).isBetween(TIMEOUT.toMillis() - 20, TIMEOUT.toMillis() + 200);
    });
    assertThat(after).anySatisfy(r -> assertThat(r.ok()).isTrue());
    assertThat(after.get(1).ok()).isTrue();
    awaitNoProbeSessionsLeft();
  }

  /**
   * Only the postmaster frozen: established sessions keep answering, new clients hang in the
   * startup handshake. The probe sees what a new client sees.
   */
  @Test
  @Order(5)
  void shouldFailWhileThePostmasterIsFrozenAndRecoverWithinTwoChecks() throws Exception {
    PgTargetProbe probe = probe(pg.primaryUrl());
    assertThat(CheckResult.run(probe).ok()).isTrue();
    List<Long> postmaster = List.of(postmasterPid());
    signal("STOP", postmaster);
    CheckResult frozen;
    try {
      frozen = CheckResult.run(probe);
    } finally {
      signal("CONT", postmaster);
    }
    List<CheckResult> after = List.of(CheckResult.run(probe), CheckResult.run(probe));
    System.out.printf("pg SIGSTOP postmaster only: %s; after SIGCONT: %s%n", frozen, after);
    assertThat(frozen.ok()).isFalse();
    assertThat(frozen.reason()).isEqualTo("no answer within 500ms");
    assertThat(after.get(1).ok()).isTrue();
    awaitNoProbeSessionsLeft();
  }

  /**
   * A black hole that never lifts for connections made while it was there, as after an address
   * moved away: later checks must not inherit those connections.
   */
  @Test
  @Order(6)
  void shouldNotInheritAConnectionThatHungInABlackHole() throws Exception {
    try (StallingProxy proxy = new StallingProxy(pg.primaryPort())) {
      PgTargetProbe probe = PgTargetProbe.create(vertx,
          "postgresql://postgres@127.0.0.1:" + proxy.port() + "/postgres", Optional.empty(), TIMEOUT);
      assertThat(CheckResult.run(probe).ok()).isTrue();
      proxy.stall();
      List<CheckResult> stalled = List.of(CheckResult.run(probe), CheckResult.run(probe));
      proxy.heal();
      CheckResult healed = CheckResult.run(probe);
      long hung = proxy.openClientConnections();
      System.out.printf("pg black hole: %s; new connections pass again: %s; hung handshakes still"
          + " open: %d%n", stalled, healed, hung);
      assertThat(stalled).allSatisfy(r -> assertThat(r.reason()).isEqualTo("no answer within 500ms"));
      assertThat(healed.ok()).as(healed.toString()).isTrue();
      // The client leaves a handshake that never got an answer open (see PgTargetProbe); close()
      // must release it, and in bounded time.
      long start = System.nanoTime();
      probe.close().await(5, TimeUnit.SECONDS);
      assertThat(Await.elapsedMillis(start)).isLessThanOrEqualTo(TIMEOUT.toMillis() + 200);
      Await.until(Duration.ofSeconds(3), () -> proxy.openClientConnections() == 0);
    }
  }

  @Test
  @Order(7)
  void shouldFailAfterAKillAndRecoverOnTheFirstCheckAfterARestart() throws Exception {
    PgTargetProbe probe = probe(pg.primaryUrl());
    assertThat(CheckResult.run(probe).ok()).isTrue();
    pg.killPrimary();
    CheckResult down = CheckResult.run(probe);
    pg.startPrimary();
    CheckResult back = CheckResult.run(probe);
    System.out.printf("pg kill -9: %s; after restart: %s%n", down, back);
    assertThat(down.ok()).isFalse();
    assertThat(down.reason()).startsWith("Connection refused: ");
    assertThat(back.ok()).as(back.toString()).isTrue();
  }

  private static void awaitNoProbeSessionsLeft() {
    Await.until(Duration.ofSeconds(5), "probe sessions to end", () -> "0".equals(pg.psqlPrimary(
        "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'drwatch-target-probe'")));
  }

  private static long postmasterPid() throws IOException {
    return Long.parseLong(Files.readAllLines(pg.dir().resolve("primary").resolve("postmaster.pid"),
        StandardCharsets.UTF_8).get(0).strip());
  }

  private static List<Long> postmasterAndChildren() throws IOException {
    long pid = postmasterPid();
    return Stream.concat(Stream.of(pid), ProcessHandle.of(pid).stream()
        .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid)).toList();
  }

  /**
   * Signals each pid in turn, the postmaster first: STOP freezes it before it could notice its
   * children stopping. A backend that exited in the meantime is skipped.
   */
  private static void signal(String name, List<Long> pids) throws IOException {
    for (long pid : pids) {
      if (ProcessHandle.of(pid).isEmpty()) {
        continue;
      }
      try {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid))
            .redirectErrorStream(true).start();
        String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0 && pid == pids.get(0)) {
          throw new IOException("kill -" + name + " " + pid + " failed: " + out);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }
}
