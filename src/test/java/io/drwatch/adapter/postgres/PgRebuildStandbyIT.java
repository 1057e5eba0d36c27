package io.drwatch.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.postgres.agent.AgentServer;
import io.drwatch.config.AgentConfig;
import io.drwatch.config.Secret;
import io.drwatch.lab.PostgresPair;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.lag.Heartbeat;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pg-rebuild-standby through a real agent: the standby is promoted, the old primary is killed -9,
 * then rebuilt by the agent (pg_rewind) as a standby of the new primary; it streams, and rows
 * written on the new primary reach it.
 */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgRebuildStandbyIT {
  private static final String TOKEN = "agent-token-for-tests";
  private static PostgresPair pg;
  private static Vertx vertx;
  // The agents' own, as `drwatch agent` has: they are another process in real life.
  private static Vertx agentVertx;
  private static AgentServer agent;
  private static AgentServer standbyAgent;

  @BeforeAll
  static void start(PostgresPair pair) throws Exception {
    pg = pair;
    vertx = Vertx.vertx();
    agentVertx = Vertx.vertx();
    AgentConfig config = new AgentConfig("127.0.0.1", 0, Secret.of(TOKEN), pg.primaryDataDir(), pg.binDir(),
        pg.serverLog(pg.primaryDataDir()), pg.serverUser(), Optional.empty(), Duration.ofMinutes(2));
    agent = done(AgentServer.start(agentVertx, config));
    standbyAgent = done(AgentServer.start(agentVertx, new AgentConfig("127.0.0.1", 0, Secret.of(TOKEN),
        pg.standbyDataDir(), pg.binDir(), pg.serverLog(pg.standbyDataDir()), pg.serverUser(), Optional.empty(),
        Duration.ofMinutes(2))));
  }

  @AfterAll
  static void stop() throws Exception {
    agent.close().await(10, TimeUnit.SECONDS);
    standbyAgent.close().await(10, TimeUnit.SECONDS);
    agentVertx.close().await(10, TimeUnit.SECONDS);
    try {
      vertx.close().await(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      // The actions' Vert.x may not finish closing: await polls connect while the node restarts, and
      // a connect whose startup gets no answer never closes (vertx-pg-client limit, see PgTargetProbe).
      // Probable cause, not proven; the agents' own Vert.x closes at once.
      System.out.println("PgRebuildStandbyIT: the actions' Vert.x did not close within 10 s");
    }
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(150, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void shouldRefuseACallerWithoutTheToken() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + agent.port() + "/v1/rebuild-standby"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"" + pg.standbyUrl() + "\"}"))
        .header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(pg.psqlPrimary("SELECT pg_is_in_recovery()")).as("nothing was touched").isEqualTo("f");
  }

  @Test
  @Order(2)
  void shouldRebuildTheKilledOldPrimaryAsAStreamingStandbyOfTheNewOne() throws Exception {
    pg.psqlPrimary("CREATE TABLE orders (id int)");
    pg.psqlPrimary("INSERT INTO orders VALUES (1)");
    Await.until(Duration.ofSeconds(10), "row on standby", () -> "1".equals(pg.psqlStandby("SELECT count(*) FROM orders")));
    Step promote = new Step("promote-db", Map.of("url", pg.standbyUrl()), false);
    PgPromoteAction promoter = PgPromoteAction.create(vertx);
    done(promoter.apply(promote));
    done(promoter.await(promote));
    pg.killPrimary();
    pg.psqlStandby("INSERT INTO orders VALUES (2)");

    PgRebuildAction rebuild = PgRebuildAction.create(vertx);
    Step step = new Step("rebuild-db", Map.of("agent", "http://127.0.0.1:" + agent.port(), "token", TOKEN,
        "source", pg.standbyUrl(), "url", pg.primaryUrl(), "waitSeconds", "120"), false);
    assertThat(done(rebuild.check(step))).as("check while the old primary is down").isFalse();
    long start = System.nanoTime();
    done(rebuild.apply(step));
    long applied = Await.elapsedMillis(start);
    done(rebuild.await(step));
    System.out.printf("pg-rebuild-standby: apply %d ms, apply+await %d ms%n", applied, Await.elapsedMillis(start));

    assertThat(done(rebuild.check(step))).as("check after").isTrue();
    assertThat(pg.psqlPrimary("SELECT pg_is_in_recovery()")).isEqualTo("t");
    assertThat(pg.psqlPrimary("SELECT status FROM pg_stat_wal_receiver")).isEqualTo("streaming");
    assertThat(pg.psqlPrimary("SHOW port")).as("the node's own postgresql.conf is kept")
        .isEqualTo(Integer.toString(pg.primaryPort()));
    pg.psqlStandby("INSERT INTO orders VALUES (3)");
    Await.until(Duration.ofSeconds(20), "rows of the new primary on the rebuilt standby",
        () -> "2,3".equals(pg.psqlPrimary("SELECT string_agg(id::text, ',' ORDER BY id) FROM orders WHERE id > 1")));
  }

  /**
   * The PostgreSQL side of a switchover back, after test 2 (configured standby S is the primary,
   * configured primary P its standby): fence S, a canary written on S after the fence reaches P,
   * promote P, and S (running, fenced, its WAL diverged by later canaries) is rewound as P's standby.
   */
  @Test
  @Order(3)
  void shouldFenceThenPromoteThenRebuildTheFencedPrimaryBack() throws Exception {
    Step fenceStep = new Step("fence-db", Map.of("url", pg.standbyUrl()), false);
    PgFenceAction fence = PgFenceAction.create(vertx);
    done(fence.apply(fenceStep));
    done(fence.await(fenceStep));
    // The probe in the reversed direction: writes on S, reads on P.
    ChannelConfig reversed = new ChannelConfig("lab-postgres", ChannelKind.POSTGRES,
        Optional.of(new Endpoint(pg.standbyUrl(), Optional.empty())), Optional.of(new Endpoint(pg.primaryUrl(),
        Optional.empty())), new HeartbeatConfig(Duration.ofMillis(500), Duration.ofSeconds(5), "drwatch_heartbeat",
        "lab-postgres", 3), Duration.ofSeconds(30), Map.of());
    PgHeartbeatProbe probe = PgHeartbeatProbe.create(vertx, reversed);
    try {
      Heartbeat afterFence = done(probe.writeHeartbeat());
      Await.until(Duration.ofSeconds(10), "canary written after the fence visible on P", () ->
          done(probe.readReplica()).visible().map(h -> h.seq() == afterFence.seq()).orElse(false));
      Step promote = new Step("promote-db", Map.of("url", pg.primaryUrl()), false);
      PgPromoteAction promoter = PgPromoteAction.create(vertx);
      done(promoter.apply(promote));
      done(promoter.await(promote));
      done(probe.writeHeartbeat()); // diverges S after P's promotion, as the daemon's probe would
    } finally {
      done(probe.close());
    }
    assertThat(pg.psqlPrimary("SELECT count(*) FROM drwatch_heartbeat")).isEqualTo("1");

    PgRebuildAction rebuild = PgRebuildAction.create(vertx);
    Step step = new Step("rebuild-db", Map.of("agent", "http://127.0.0.1:" + standbyAgent.port(), "token", TOKEN,
        "source", pg.primaryUrl(), "url", pg.standbyUrl(), "waitSeconds", "120"), false);
    assertThat(done(rebuild.check(step))).isFalse();
    done(rebuild.apply(step));
    done(rebuild.await(step));
    assertThat(pg.psqlStandby("SELECT pg_is_in_recovery()")).isEqualTo("t");
    assertThat(pg.psqlStandby("SHOW port")).isEqualTo(Integer.toString(pg.standbyPort()));
    pg.psqlPrimary("INSERT INTO orders VALUES (4)");
    Await.until(Duration.ofSeconds(20), "P's rows on the rebuilt S",
        () -> "4".equals(pg.psqlStandby("SELECT max(id) FROM orders")));
  }
}
