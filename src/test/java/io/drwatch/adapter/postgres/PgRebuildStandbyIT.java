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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * pg-rebuild-standby through a real agent: the standby is promoted, the old primary is killed -9,
 * then rebuilt by the agent (pg_rewind) as a standby of the new primary; it streams, and rows
 * written on the new primary reach it.
 */
@ExtendWith(PostgresPairExtension.class)
class PgRebuildStandbyIT {
  private static final String TOKEN = "agent-token-for-tests";
  private static PostgresPair pg;
  private static Vertx vertx;
  private static AgentServer agent;

  @BeforeAll
  static void start(PostgresPair pair) throws Exception {
    pg = pair;
    vertx = Vertx.vertx();
    AgentConfig config = new AgentConfig("127.0.0.1", 0, Secret.of(TOKEN), pg.primaryDataDir(), pg.binDir(),
        pg.serverLog(pg.primaryDataDir()), pg.serverUser(), Optional.empty(), Duration.ofMinutes(2));
    agent = done(AgentServer.start(vertx, config));
  }

  @AfterAll
  static void stop() throws Exception {
    agent.close().await(10, TimeUnit.SECONDS);
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(150, TimeUnit.SECONDS);
  }

  @Test
  void shouldRefuseACallerWithoutTheToken() throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + agent.port() + "/v1/rebuild-standby"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"source\":\"" + pg.standbyUrl() + "\"}"))
        .header("Authorization", "Bearer wrong").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(pg.psqlPrimary("SELECT pg_is_in_recovery()")).as("nothing was touched").isEqualTo("f");
  }

  @Test
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
}
