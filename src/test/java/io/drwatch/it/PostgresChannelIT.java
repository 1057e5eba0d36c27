package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The postgres channel against a real primary and streaming standby. Tests share one pair and
 * one daemon and run in order: the last one kills the primary.
 */
@ExtendWith(PostgresPairExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresChannelIT {
  private static final String CH = "orders-db";
  private static final Duration INTERVAL = Duration.ofMillis(200);
  private static DaemonHarness daemon;
  private static PostgresPair pg;

  @BeforeAll
  static void startDaemon(PostgresPair pair) throws Exception {
    pg = pair;
    daemon = DaemonHarness.start(DaemonHarness.channelYaml(
        "postgres", CH, pair.primaryUrl(), pair.standbyUrl(), "200ms"));
    awaitCondition(ChannelCondition.HEALTHY, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stopDaemon() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
  }

  private static ChannelStatus status() {
    return daemon.status(CH);
  }

  private static void awaitCondition(ChannelCondition c, Duration within) {
    Await.until(within, () -> status().condition() == c);
  }

  @Test
  @Order(1)
  void shouldKeepRpoWithinOneIntervalOnAnIdlePrimary() {
    List<BracketSamples.Sample> idle = BracketSamples.take(PostgresChannelIT::status, Duration.ofSeconds(20));
    assertThat(idle).hasSizeGreaterThan(50);
    BracketSamples.assertHold("postgres idle primary", idle, 0.0, INTERVAL);
    assertThat(status().condition()).isEqualTo(ChannelCondition.HEALTHY);
  }

  @Test
  @Order(2)
  void shouldMeasureTheApplyDelayAsRpo() throws Exception {
    pg.setApplyDelay(Duration.ofSeconds(2));
    Await.until(Duration.ofSeconds(10), () -> status().rpo().orElse(Duration.ZERO).toMillis() > 1500);
    daemon.awaitRounds(CH, 15); // the delay applies from commits after it was set: settle 3 s
    BracketSamples.assertHold("postgres apply delay 2s",
        BracketSamples.take(PostgresChannelIT::status, Duration.ofSeconds(5)), 2.0, INTERVAL);
    assertThat(status().condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(daemon.metric("drwatch_channel_rpo_seconds", "channel=" + CH)).isBetween(1.98, 2.25);
    // The lower bound's floor is only a sanity check (it errs low by up to an interval plus jitter).
    assertThat(daemon.metric("drwatch_channel_rpo_lower_seconds", "channel=" + CH)).isBetween(1.5, 2.02);
    assertThat(new io.vertx.core.json.JsonObject(daemon.get("/api/v1/status")).getJsonArray("channels")
        .getJsonObject(0).getDouble("rpoEstimateSeconds")).isBetween(1.7, 2.15);
    assertThat(daemon.metric("drwatch_channel_condition", "channel=" + CH, "condition=LAGGING")).isEqualTo(1.0);
    // The state-set exports only the current condition: no 0-valued HEALTHY series.
    org.assertj.core.api.Assertions.assertThatThrownBy(
        () -> daemon.metric("drwatch_channel_condition", "channel=" + CH, "condition=HEALTHY"))
        .isInstanceOf(AssertionError.class);
    pg.setApplyDelay(Duration.ZERO);
    awaitCondition(ChannelCondition.HEALTHY, Duration.ofSeconds(10));
  }

  @Test
  @Order(3)
  void shouldSeeACutLinkWithinThreeIntervalsAndLetRpoAndAgeGrow() throws Exception {
    Duration rpoBefore = status().rpo().orElseThrow();
    Instant cut = Instant.now();
    pg.breakLink();
    Await.until(Duration.ofSeconds(5), () -> status().condition() == ChannelCondition.BROKEN
        || status().condition() == ChannelCondition.STALLED);
    Duration detected = Duration.between(cut, Instant.now());
    System.out.printf("cut link -> %s after %d ms: %s%n", status().condition(), detected.toMillis(), status().verdict());
    assertThat(detected).isLessThanOrEqualTo(INTERVAL.multipliedBy(3).plusMillis(500));
    Duration age1 = status().replicaAge().orElseThrow();
    daemon.awaitRounds(CH, 6); // over a second of rounds with the link down
    assertThat(status().rpo().orElseThrow()).isGreaterThan(rpoBefore.plusMillis(500));
    assertThat(status().replicaAge().orElseThrow()).isGreaterThan(age1.plusMillis(500));
    pg.restoreLink();
    awaitCondition(ChannelCondition.HEALTHY, Duration.ofSeconds(15));
  }

  @Test
  @Order(4)
  void shouldReportSourceUnreachableAndHoldRpoWhenThePrimaryDies() throws Exception {
    pg.setApplyDelay(Duration.ofSeconds(1));
    Await.until(Duration.ofSeconds(10), () -> status().rpo().orElse(Duration.ZERO).toMillis() > 800);
    pg.killPrimary();
    awaitCondition(ChannelCondition.SOURCE_UNREACHABLE, Duration.ofSeconds(5));
    Duration held = status().rpo().orElseThrow();
    daemon.awaitRounds(CH, 10); // ten more rounds against the dead primary: the value holds
    assertThat(status().condition()).isEqualTo(ChannelCondition.SOURCE_UNREACHABLE);
    assertThat(status().rpo()).contains(held);
    assertThat(held.toMillis()).isGreaterThan(800);
    assertThat(status().verdict()).startsWith("primary unreachable: ").contains("rpo holds at");
    assertThat(daemon.metric("drwatch_channel_rpo_seconds", "channel=" + CH)).isEqualTo(held.toNanos() / 1e9);
  }
}
