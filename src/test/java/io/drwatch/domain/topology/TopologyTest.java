package io.drwatch.domain.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.runbook.JournalRecord.Rearmed;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The direction of each channel, folded from the journal, on virtual time. */
class TopologyTest {
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private static final ChannelSpec SPEC = new ChannelSpec("orders-db", ChannelKind.POSTGRES,
      Duration.ofSeconds(1), Duration.ofSeconds(1), 3);

  private static List<JournalRecord> failover(String run, Instant at, String... channels) {
    return List.of(new RunStarted(run, RunMode.EXECUTE, Trigger.manual("t"), List.of(), false, at),
        new RunFinished(run, RunState.SUCCEEDED, "", at), new DirectionFlipped(run, List.of(channels), at));
  }

  private static ChannelStatus lostPrimary() {
    return new ChannelStatus(SPEC, ChannelCondition.SOURCE_UNREACHABLE, Optional.of(Duration.ofSeconds(17)),
        SPEC.interval(), Optional.of(Duration.ofSeconds(40)), LinkState.DOWN, 10, 9, Optional.of(T0),
        Optional.of("connection refused"), "heartbeat write failed", T0, Duration.ofMillis(3), false, 5,
        Optional.empty(), false, Optional.empty());
  }

  @Test
  void shouldRunAsConfiguredUntilAFlipIsJournaled() {
    Topology t = Topology.of(List.of(
        new RunStarted("r1", RunMode.EXECUTE, Trigger.manual("t"), List.of(), false, T0),
        new RunFinished("r1", RunState.SUCCEEDED, "", T0)));

    assertThat(t.direction("orders-db")).isEmpty();
    assertThat(t.unprotected()).isEmpty();
    assertThat(t.overlay(lostPrimary())).isEqualTo(lostPrimary());
  }

  @Test
  void shouldShowAFlippedChannelUnprotectedWithNoRpo() {
    Topology t = Topology.of(failover("r1", T0, "orders-db"));

    ChannelStatus s = t.overlay(lostPrimary());
    assertThat(s.condition()).isEqualTo(ChannelCondition.UNPROTECTED);
    assertThat(s.rpo()).as("no replica: the old pair's RPO describes the past").isEmpty();
    assertThat(s.verdict()).isEqualTo("failed over at 2026-12-07T05:00:00Z by run r1;"
        + " old primary is fenced/unreachable; no DR");
    assertThat(t.direction("orders-db").orElseThrow().reversed()).isTrue();
    assertThat(t.unprotected()).containsExactly("orders-db");
  }

  @Test
  void shouldCountExposureFromTheFailoverUntilAReplicaIsConfirmed() {
    Topology t = Topology.of(failover("r1", T0, "orders-db"));

    assertThat(t.exposure("orders-db", T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.exposure("orders-db", T0.plusSeconds(90))).isEqualTo(Duration.ofSeconds(90));
    assertThat(t.exposure("sessions", T0.plusSeconds(90))).as("never failed over").isZero();

    Topology again = t.reprotected("orders-db", T0.plusSeconds(120));
    assertThat(again.exposure("orders-db", T0.plusSeconds(200))).isZero();
    assertThat(again.unprotected()).isEmpty();
    assertThat(again.overlay(lostPrimary()).condition()).isEqualTo(ChannelCondition.SOURCE_UNREACHABLE);
    assertThat(again.direction("orders-db").orElseThrow().reversed()).as("still the other way").isTrue();
  }

  @Test
  void shouldNotPretendDrIsBackWhenTheLatchIsReArmed() {
    List<JournalRecord> records = new java.util.ArrayList<>(failover("r1", T0, "orders-db"));
    records.add(new Rearmed("r1", "jane", T0.plusSeconds(60)));

    assertThat(Topology.of(records).unprotected()).containsExactly("orders-db");
    assertThat(Topology.of(records).exposure("orders-db", T0.plusSeconds(100)))
        .isEqualTo(Duration.ofSeconds(100));
  }

  @Test
  void shouldTurnBackOnASecondFailoverAndRestartTheExposureClock() {
    List<JournalRecord> records = new java.util.ArrayList<>(failover("r1", T0, "orders-db"));
    records.addAll(failover("r2", T0.plusSeconds(600), "orders-db"));

    ChannelDirection d = Topology.of(records).direction("orders-db").orElseThrow();
    assertThat(d.reversed()).as("failed back: as configured again").isFalse();
    assertThat(d.byRun()).isEqualTo("r2");
    assertThat(d.exposure(T0.plusSeconds(610))).isEqualTo(Duration.ofSeconds(10));
  }

  private static ChannelStatus healthy() {
    return new ChannelStatus(SPEC, ChannelCondition.HEALTHY, Optional.of(Duration.ofMillis(300)),
        SPEC.interval(), Optional.of(Duration.ofMillis(300)), LinkState.UP, 10, 10, Optional.of(T0),
        Optional.empty(), "healthy", T0, Duration.ofMillis(3), true, 5, Optional.empty(), false,
        Optional.empty());
  }

  // The whole cycle: failover, re-protection, the replica read HEALTHY, switchover back.
  private static List<JournalRecord> cycle() {
    List<JournalRecord> records = new java.util.ArrayList<>(failover("r1", T0, "orders-db"));
    records.add(new JournalRecord.ReprotectApplied("rp", List.of("orders-db"), T0.plusSeconds(600)));
    records.add(new JournalRecord.Reprotected("rp", "orders-db", T0.plusSeconds(660)));
    return records;
  }

  @Test
  void shouldKeepReadingTheOldWayRightAfterAFailover() {
    Topology t = Topology.of(failover("r1", T0, "orders-db"));

    assertThat(t.readsReversed("orders-db")).as("nothing to read in the new direction yet").isFalse();
    assertThat(t.awaitingHealthy("orders-db")).isEmpty();
    assertThat(t.unprotected()).containsExactly("orders-db");
  }

  @Test
  void shouldReadTheReversedDirectionOnceAReplicaIsRebuiltAndStayExposedUntilHealthy() {
    Topology t = Topology.of(cycle().subList(0, 4));

    assertThat(t.readsReversed("orders-db")).isTrue();
    assertThat(t.awaitingHealthy("orders-db")).contains("rp");
    assertThat(t.unprotected()).containsExactly("orders-db");
    assertThat(t.exposure("orders-db", T0.plusSeconds(630))).isEqualTo(Duration.ofSeconds(630));
    ChannelStatus s = t.overlay(healthy());
    assertThat(s.condition()).isEqualTo(ChannelCondition.UNPROTECTED);
    assertThat(s.verdict()).contains("replica rebuilt by run rp", "no DR until it reads HEALTHY");
  }

  @Test
  void shouldStopTheExposureAndShowTheRealConditionOnceReprotected() {
    Topology t = Topology.of(cycle());

    assertThat(t.unprotected()).isEmpty();
    assertThat(t.exposure("orders-db", T0.plusSeconds(900))).isZero();
    assertThat(t.awaitingHealthy("orders-db")).isEmpty();
    assertThat(t.overlay(healthy())).isEqualTo(healthy());
    ChannelDirection d = t.direction("orders-db").orElseThrow();
    assertThat(d.reversed()).isTrue();
    assertThat(d.readsReversed()).isTrue();
    assertThat(d.protectedSince()).contains(T0.plusSeconds(660));
  }

  @Test
  void shouldComeBackProtectedAndAsConfiguredAfterASwitchoverBack() {
    List<JournalRecord> records = new java.util.ArrayList<>(cycle());
    Instant back = T0.plusSeconds(3600);
    RunMode planned = RunMode.SWITCHOVER;
    records.add(new RunStarted("sw", planned, Trigger.manual("t"), List.of(), false, back));
    records.add(new RunFinished("sw", RunState.SUCCEEDED, "", back));
    records.add(new DirectionFlipped("sw", List.of("orders-db"), back));

    Topology t = Topology.of(records);
    assertThat(t.unprotected()).as("a switchover leaves a replica behind").isEmpty();
    assertThat(t.exposure("orders-db", back.plusSeconds(60))).isZero();
    assertThat(t.readsReversed("orders-db")).isFalse();
    assertThat(t.direction("orders-db")).as("as configured again").isEmpty();
    assertThat(t.overlay(healthy())).isEqualTo(healthy());
    assertThat(t).isEqualTo(Topology.AS_CONFIGURED);
  }

  @Test
  void shouldReadTheNewWayAtOnceAfterASwitchoverFromTheConfiguredDirection() {
    RunMode planned = RunMode.SWITCHOVER;
    Topology t = Topology.of(List.of(
        new RunStarted("sw", planned, Trigger.manual("t"), List.of(), false, T0),
        new RunFinished("sw", RunState.SUCCEEDED, "", T0),
        new DirectionFlipped("sw", List.of("orders-db"), T0)));

    ChannelDirection d = t.direction("orders-db").orElseThrow();
    assertThat(d.reversed()).isTrue();
    assertThat(d.readsReversed()).isTrue();
    assertThat(d.exposed()).isFalse();
  }

  @Test
  void shouldBeExposedAgainWhenTheReprotectedSideFailsOver() {
    List<JournalRecord> records = new java.util.ArrayList<>(cycle());
    records.addAll(failover("r2", T0.plusSeconds(5000), "orders-db"));

    Topology t = Topology.of(records);
    ChannelDirection d = t.direction("orders-db").orElseThrow();
    assertThat(d.reversed()).as("the configured primary is primary again").isFalse();
    assertThat(d.readsReversed()).as("the probe reads the dead side until rebuilt").isTrue();
    assertThat(t.unprotected()).containsExactly("orders-db");
    assertThat(t.exposure("orders-db", T0.plusSeconds(5010))).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void shouldIgnoreAReprotectionOfAChannelRunningAsConfigured() {
    Topology t = Topology.AS_CONFIGURED.after(
        new JournalRecord.ReprotectApplied("rp", List.of("orders-db"), T0));

    assertThat(t).isEqualTo(Topology.AS_CONFIGURED);
  }
}
