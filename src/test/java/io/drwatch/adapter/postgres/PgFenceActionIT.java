package io.drwatch.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.config.ChannelConfig;
import io.drwatch.config.Endpoint;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.lab.PostgresPair;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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
 * pg-fence on a real primary: application sessions get read-only transactions, drwatch's heartbeat
 * session still commits (and its canary reaches the standby); pg-promote lifts a fence left on the
 * node it promotes. Ordered: the last test promotes the standby.
 */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgFenceActionIT {
  private static PostgresPair pg;
  private Vertx vertx;
  private PgFenceAction fence;

  @BeforeAll
  static void keep(PostgresPair pair) throws Exception {
    pg = pair;
    pg.psqlPrimary("CREATE TABLE orders (id int)");
    Vertx lenient = Vertx.vertx();
    try {
      PgFenceAction.create(lenient).check(step(pair.primaryUrl())).await(10, TimeUnit.SECONDS);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
    fence = PgFenceAction.create(vertx);
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Step step(String url) {
    return new Step("fence-db", Map.of("url", url), false);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  /** A session as an application opens it: plain options, no drwatch settings. */
  private SqlConnection appSession(String url) throws Exception {
    return done(PgConnection.connect(vertx, PgConnectOptions.fromUri(url)).map(c -> (SqlConnection) c));
  }

  @Test
  @Order(1)
  void shouldRefuseApplicationWritesAfterTheFenceWhileTheHeartbeatStillCommits() throws Exception {
    Step step = step(pg.primaryUrl());
    assertThat(done(fence.check(step))).as("check before").isFalse();
    SqlConnection open = appSession(pg.primaryUrl());
    done(open.query("BEGIN").execute());
    done(open.query("INSERT INTO orders VALUES (1)").execute());

    long start = System.nanoTime();
    done(fence.apply(step));
    done(fence.await(step));
    System.out.printf("pg-fence: apply+await %d ms%n", Await.elapsedMillis(start));

    assertThat(done(fence.check(step))).as("check after").isTrue();
    assertThatThrownBy(() -> pg.psqlPrimary("INSERT INTO orders VALUES (2)"))
        .hasMessageContaining("cannot execute INSERT in a read-only transaction");
    assertThatThrownBy(() -> done(open.query("COMMIT").execute()))
        .as("a transaction open since before the fence is ended, not committed later");
    assertThat(pg.psqlPrimary("SELECT count(*) FROM orders")).isEqualTo("0");

    PgHeartbeatProbe probe = PgHeartbeatProbe.create(vertx, channel());
    try {
      Heartbeat first = done(probe.writeHeartbeat());
      Heartbeat second = done(probe.writeHeartbeat());
      assertThat(second.seq()).isGreaterThan(first.seq());
      Await.until(Duration.ofSeconds(10), "canary written after the fence on the standby", () -> {
        Optional<Heartbeat> seen = done(probe.readReplica()).visible();
        return seen.isPresent() && seen.get().seq() == second.seq();
      });
    } finally {
      done(probe.close());
    }
  }

  @Test
  @Order(2)
  void shouldLetPgPromoteLiftAFenceLeftOnTheNodeItPromotes() throws Exception {
    // The fence is replicated by nothing (postgresql.auto.conf is per node), so set it on the standby too.
    pg.psqlStandby("ALTER SYSTEM SET default_transaction_read_only = on");
    pg.psqlStandby("SELECT pg_reload_conf()");
    PgPromoteAction promote = PgPromoteAction.create(vertx);
    Step step = new Step("promote-db", Map.of("url", pg.standbyUrl()), false);
    done(promote.apply(step));
    done(promote.await(step));
    assertThat(done(promote.check(step))).isTrue();
    pg.psqlStandby("INSERT INTO orders VALUES (3)");
    assertThat(pg.psqlStandby("SELECT count(*) FROM orders")).isEqualTo("1");
    assertThat(done(fence.check(step(pg.standbyUrl())))).as("promoted node no longer fenced").isFalse();
  }

  private static ChannelConfig channel() {
    return new ChannelConfig("fenced", ChannelKind.POSTGRES, Optional.of(new Endpoint(pg.primaryUrl(), Optional.empty())),
        Optional.of(new Endpoint(pg.standbyUrl(), Optional.empty())),
        new HeartbeatConfig(Duration.ofMillis(500), Duration.ofSeconds(5), "drwatch_heartbeat", "fenced", 3),
        Duration.ofSeconds(30), Map.of());
  }
}
