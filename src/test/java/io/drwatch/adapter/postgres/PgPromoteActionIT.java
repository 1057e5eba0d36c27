package io.drwatch.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
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

/** pg-promote against a real primary and streaming standby. Ordered: the last test promotes. */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PgPromoteActionIT {
  private static PostgresPair pg;
  private Vertx vertx;
  private PgPromoteAction action;

  @BeforeAll
  static void keep(PostgresPair pair) throws Exception {
    pg = pair;
    // The first connect of a JVM runs the pg client's class initialisation on an event loop,
    // which the strict checker of TestVertx would report. Pay for it here.
    Vertx lenient = Vertx.vertx();
    try {
      PgPromoteAction.create(lenient).check(step(pair.primaryUrl())).await(10, TimeUnit.SECONDS);
    } finally {
      lenient.close().await(5, TimeUnit.SECONDS);
    }
  }

  @BeforeEach
  void startVertx() {
    vertx = TestVertx.create();
    action = PgPromoteAction.create(vertx);
  }

  @AfterEach
  void stopVertx() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  private static Step step(String url) {
    return new Step("promote-db", Map.of("url", url), false);
  }

  private static <T> T done(Future<T> f) throws Exception {
    return f.await(20, TimeUnit.SECONDS);
  }

  @Test
  @Order(1)
  void shouldFailCheckWithAShortReasonWhenTheStandbyCannotBeReached() {
    int port = FreePorts.pick();
    Step step = step("postgresql://postgres@127.0.0.1:" + port + "/postgres");
    long start = System.nanoTime();
    assertThatThrownBy(() -> done(action.check(step)))
        .hasMessageStartingWith("postgres 127.0.0.1:" + port + "/postgres: Connection refused")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    assertThat(Await.elapsedMillis(start)).isLessThan(1000);
  }

  @Test
  @Order(2)
  void shouldRejectBadParametersNamingTheStepAndKey() {
    assertThatThrownBy(() -> done(action.check(new Step("promote-db", Map.of(), false))))
        .hasMessage("step promote-db: url: required for pg-promote");
    Step badWait = new Step("promote-db", Map.of("url", pg.standbyUrl(), "waitSeconds", "0"), false);
    assertThatThrownBy(() -> done(action.apply(badWait))).hasMessage(
        "step promote-db: waitSeconds: must be between 1 and 3600 for pg-promote, was 0");
    Step badUrl = new Step("promote-db", Map.of("url", "mysql://u:secret@h/db"), false);
    assertThatThrownBy(() -> done(action.check(badUrl)))
        .hasMessageNotContaining("secret")
        .hasMessage("step promote-db: url: must be an absolute url with scheme postgresql or postgres for pg-promote");
  }

  @Test
  @Order(3)
  void shouldSayTheStepIsNotDoneOnAStandbyAndDoneOnAPrimary() throws Exception {
    assertThat(done(action.check(step(pg.standbyUrl())))).isFalse();
    assertThat(done(action.check(step(pg.primaryUrl())))).isTrue();
  }

  @Test
  @Order(4)
  void shouldPromoteTheStandbySoItTakesWritesAndThenReportTheStepDone() throws Exception {
    pg.psqlPrimary("CREATE TABLE before_promotion (x int)");
    pg.psqlPrimary("INSERT INTO before_promotion VALUES (1)");
    Await.until(Duration.ofSeconds(10), "row on standby",
        () -> "1".equals(pg.psqlStandby("SELECT count(*) FROM before_promotion")));
    Step step = step(pg.standbyUrl());
    assertThat(done(action.check(step))).isFalse();

    long start = System.nanoTime();
    done(action.apply(step));
    long applied = Await.elapsedMillis(start);
    done(action.await(step));
    long verified = Await.elapsedMillis(start);
    System.out.printf("pg-promote: apply %d ms, apply+await %d ms%n", applied, verified);

    assertThat(pg.psqlStandby("SELECT pg_is_in_recovery()")).isEqualTo("f");
    pg.psqlStandby("INSERT INTO before_promotion VALUES (2)");
    assertThat(pg.psqlStandby("SELECT count(*) FROM before_promotion")).isEqualTo("2");
    assertThat(done(action.check(step))).as("check after promotion").isTrue();
    assertThat(verified).isLessThan(5000);
  }

  /** A promotion that happened between check and apply (another operator, a retry) is success. */
  @Test
  @Order(5)
  void shouldTreatApplyOnAnAlreadyPromotedServerAsDone() throws Exception {
    Step step = step(pg.standbyUrl());
    done(action.apply(step));
    done(action.await(step));
    assertThat(pg.psqlStandby("SELECT pg_is_in_recovery()")).isEqualTo("f");
  }
}
