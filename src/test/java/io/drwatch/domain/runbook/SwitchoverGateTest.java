package io.drwatch.domain.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The switchover's zero-loss gate, its fence rule and its window, on virtual time. */
class SwitchoverGateTest {
  private static final Instant FENCED = Instant.parse("2026-12-07T03:00:10Z");
  private static final ZeroLossGate GATE = new ZeroLossGate(Duration.ofSeconds(60));

  @Test
  void proceedsOnlyOnACanaryWrittenAtOrAfterTheFence() {
    RpoGate.Verdict after = GATE.decide("db", Optional.of(FENCED.plusMillis(200)), Optional.of(FENCED), Duration.ZERO);
    assertThat(after.outcome()).isEqualTo(RpoGate.Outcome.PROCEED);
    assertThat(after.reason()).startsWith("db RPO 0: the replica shows a canary written at 2026-12-07T03:00:10.200Z");
    assertThat(GATE.decide("db", Optional.of(FENCED), Optional.of(FENCED), Duration.ZERO).outcome())
        .as("written at the very instant of the fence").isEqualTo(RpoGate.Outcome.PROCEED);
  }

  @Test
  void aZeroLagMeasuredBeforeTheFenceIsNoProof() {
    RpoGate.Verdict v = GATE.decide("db", Optional.of(FENCED.minusMillis(1)), Optional.of(FENCED), Duration.ofSeconds(20));
    assertThat(v.outcome()).isEqualTo(RpoGate.Outcome.WAIT);
    assertThat(v.waitAtMost()).isEqualTo(Duration.ofSeconds(40));
    assertThat(v.reason()).contains("before the fence was verified at 2026-12-07T03:00:10Z");
  }

  @Test
  void blocksOnceDrainWaitIsSpentAndWithoutAFenceOrACanary() {
    RpoGate.Verdict spent = GATE.decide("db", Optional.of(FENCED.minusSeconds(1)), Optional.of(FENCED), Duration.ofSeconds(60));
    assertThat(spent.outcome()).isEqualTo(RpoGate.Outcome.BLOCK);
    assertThat(spent.reason()).endsWith("(drainWait 60s spent); promotion needs acceptDataLoss");
    assertThat(GATE.decide("db", Optional.of(FENCED), Optional.empty(), Duration.ZERO).reason())
        .contains("no fence step of this run is verified");
    assertThat(GATE.decide("db", Optional.empty(), Optional.of(FENCED), Duration.ZERO).reason())
        .contains("the replica's newest canary is unknown");
    assertThat(new ZeroLossGate(Duration.ZERO).decide("db", Optional.empty(), Optional.of(FENCED), Duration.ZERO)
        .outcome()).isEqualTo(RpoGate.Outcome.BLOCK);
  }

  @Test
  void readsTheNewestWriteFromTheRoundTimeAndTheReplicaAge() {
    ChannelSpec spec = new ChannelSpec("db", ChannelKind.POSTGRES, Duration.ofSeconds(1), Duration.ofSeconds(5), 3);
    ChannelStatus s = ChannelStatus.initial(spec, FENCED.plusSeconds(2));
    ChannelStatus aged = new ChannelStatus(spec, s.condition(), s.rpo(), s.resolution(),
        Optional.of(Duration.ofMillis(1500)), s.replicaLink(), 0, 0, s.lastSuccess(), s.lastError(), s.verdict(),
        s.updatedAt(), s.lastProbe(), s.lastProbeOk(), s.rounds(), s.reported(), false, s.warmUp());
    assertThat(ZeroLossGate.newestSeenWrite(Optional.of(aged))).contains(FENCED.plusMillis(500));
    assertThat(ZeroLossGate.newestSeenWrite(Optional.of(s))).as("age unknown").isEmpty();
  }

  @Test
  void aPromotionNeedsAFenceOrAnActionThatFencesItself() {
    StepSpec promote = StepSpec.builder("promote-db", "pg-promote").build();
    StepSpec fence = StepSpec.builder("fence-db", "pg-fence").fence(true).build();
    StepSpec handover = StepSpec.builder("promote-cache", "redis-failover").build();
    assertThat(SwitchoverRules.problems(List.of(promote), Set.of("redis-failover"))).containsExactly(
        "runbook.switchover.steps[0]: promote step promote-db (pg-promote) must run after a fence step (fence: true)"
            + " or use an action that fences itself (redis-failover): a switchover without a fence cannot prove RPO 0");
    assertThat(SwitchoverRules.problems(List.of(fence, promote), Set.of())).isEmpty();
    assertThat(SwitchoverRules.problems(List.of(handover), Set.of("redis-failover"))).isEmpty();
    assertThat(SwitchoverRules.gated(handover, Set.of("redis-failover"))).isFalse();
    assertThat(SwitchoverRules.gated(promote, Set.of("redis-failover"))).isTrue();
  }

  @Test
  void theWindowRunsFromTheFirstFenceVerifiedToTheLastPromotionVerified() {
    Runbook rb = Runbook.of(List.of(StepSpec.builder("fence", "pg-fence").fence(true).build(),
        StepSpec.builder("promote", "pg-promote").build(),
        StepSpec.builder("repoint", "pg-rebuild-standby").after("promote").build()),
        Set.of("pg-fence", "pg-promote", "pg-rebuild-standby"));
    Instant t0 = FENCED.minusSeconds(3);
    FailoverRun run = FailoverRun.plan("sw-1", RunMode.SWITCHOVER, Trigger.manual("t"), rb).start(false, t0).run()
        .startStep("fence", t0).run().finishStep("fence", "ok", FENCED).run();
    assertThat(SwitchoverWindow.fenceVerifiedAt(run)).contains(FENCED);
    assertThat(SwitchoverWindow.writeUnavailable(run)).isEmpty();
    run = run.startStep("promote", FENCED.plusMillis(900)).run().finishStep("promote", "ok", FENCED.plusMillis(1800)).run()
        .startStep("repoint", FENCED.plusSeconds(2)).run().finishStep("repoint", "ok", FENCED.plusSeconds(30)).run()
        .finish(FENCED.plusSeconds(30)).run();
    assertThat(SwitchoverWindow.writeUnavailable(run)).contains(Duration.ofMillis(1800));
    FailoverRun handedOver = run.measure(Duration.ofMillis(1800), java.util.Map.of(), FENCED.plusSeconds(31)).run()
        .switchoverMeasured(Duration.ofMillis(1800), Duration.ZERO, FENCED.plusSeconds(31)).run();
    assertThat(SwitchoverWindow.verdict(handedOver)).as("no channel proven by the canary")
        .contains("switchover sw-1: write-unavailable 1.8s, RPO 0 (not shown by a canary: rests on the promotion's own handover)");
    FailoverRun measured = run.measure(Duration.ofMillis(1800), java.util.Map.of("db", Duration.ZERO), FENCED.plusSeconds(31))
        .run().switchoverMeasured(Duration.ofMillis(1800), Duration.ZERO, FENCED.plusSeconds(31)).run();
    assertThat(SwitchoverWindow.verdict(measured))
        .contains("switchover sw-1: write-unavailable 1.8s, RPO 0 (canary after fence seen on replica)");
    FailoverRun replayed = FailoverRun.replay(List.of(
        new JournalRecord.RunStarted("sw-1", RunMode.SWITCHOVER, Trigger.manual("t"), rb.steps(), false, t0),
        new JournalRecord.RunFinished("sw-1", RunState.SUCCEEDED, "", FENCED),
        new JournalRecord.SwitchoverMeasured("sw-1", Duration.ofMillis(1800), Duration.ZERO, FENCED),
        new JournalRecord.DirectionFlipped("sw-1", List.of("db"), FENCED)));
    assertThat(replayed.switchover()).isPresent();
  }

  @Test
  void replayRefusesOperatorRecordsOnTheWrongRun() {
    Runbook rb = Runbook.of(List.of(StepSpec.builder("rebuild", "webhook").build()), Set.of("webhook"));
    Instant t0 = FENCED;
    List<JournalRecord> records = List.of(
        new JournalRecord.RunStarted("x", RunMode.EXECUTE, Trigger.manual("t"), rb.steps(), false, t0),
        new JournalRecord.RunFinished("x", RunState.SUCCEEDED, "", t0),
        new JournalRecord.ReprotectApplied("x", List.of("db"), t0),
        new JournalRecord.SwitchoverMeasured("x", Duration.ZERO, Duration.ZERO, t0));
    Replayed r = FailoverRun.replayAll(records);
    assertThat(r.problems()).hasSize(2);
    assertThat(r.problems().get(0)).contains("only a successful reprotect run re-protects channels");
    Replayed ok = FailoverRun.replayAll(List.of(
        new JournalRecord.RunStarted("rp", RunMode.REPROTECT, Trigger.manual("t"), rb.steps(), false, t0),
        new JournalRecord.RunFinished("rp", RunState.SUCCEEDED, "", t0),
        new JournalRecord.ReprotectApplied("rp", List.of("db"), t0)));
    assertThat(ok.problems()).isEmpty();
    assertThat(FailoverLatch.of(List.of(
        new JournalRecord.RunStarted("rp", RunMode.REPROTECT, Trigger.manual("t"), rb.steps(), false, t0),
        new JournalRecord.RunFinished("rp", RunState.SUCCEEDED, "", t0))).armed())
        .as("a reprotect does not latch").isTrue();
  }
}
