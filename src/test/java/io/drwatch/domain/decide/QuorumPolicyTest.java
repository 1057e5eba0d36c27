package io.drwatch.domain.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.domain.decide.Decision.Phase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Drives the policy tick by tick on virtual time with hand-made family signals. */
class QuorumPolicyTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final TiltStatus NORMAL = TiltStatus.normal(Duration.ofSeconds(30));

  private final QuorumPolicy policy = QuorumPolicy.of(
      List.of(SignalFamily.PROBES, SignalFamily.REPLICATION, SignalFamily.AWS_HEALTH), 2,
      Duration.ofSeconds(5));
  private QuorumState state = QuorumState.initial();

  private static FamilySignal standing(SignalFamily f, Instant now, String summary) {
    return new FamilySignal(f, List.of(new Vote(f, "db-primary", "v", now, Duration.ZERO, "d")), summary);
  }

  /** Tick at T0 + second with the given families standing. */
  private Decision tick(int second, SignalFamily... standing) {
    return tick(second, NORMAL, standing);
  }

  private Decision tick(int second, TiltStatus tilt, SignalFamily... standing) {
    Instant now = T0.plusSeconds(second);
    List<FamilySignal> signals = new ArrayList<>();
    for (SignalFamily f : standing) {
      signals.add(standing(f, now, "up"));
    }
    Decision d = policy.evaluate(QuorumView.of(now, "db-primary", signals, tilt), state);
    state = d.state();
    return d;
  }

  @Test
  void shouldSayWhatIsMissingWhenOneFamilyStands() {
    Decision d = tick(0, SignalFamily.PROBES);

    assertThat(d.phase()).isEqualTo(Phase.NO_OUTAGE);
    assertThat(d.declared()).isFalse();
    assertThat(d.standing()).isEqualTo(1);
    assertThat(d.missing()).containsExactly(SignalFamily.REPLICATION, SignalFamily.AWS_HEALTH);
    assertThat(d.votes().keySet()).containsExactly(
        SignalFamily.PROBES, SignalFamily.REPLICATION, SignalFamily.AWS_HEALTH);
    assertThat(d.verdict()).isEqualTo(
        "no outage: probes up, replication none, aws-health none -> 1 of 2 needed");
  }

  @Test
  void shouldDeclareOnlyAfterTheQuorumHeldForHoldFor() {
    for (int s = 0; s < 5; s++) {
      Decision d = tick(s, SignalFamily.PROBES, SignalFamily.REPLICATION);
      assertThat(d.phase()).isEqualTo(Phase.PENDING);
      assertThat(d.verdict()).endsWith("-> 2 of 2 needed, held " + (s == 0 ? "0ms" : s + "s") + " of 5s");
    }
    Decision d = tick(5, SignalFamily.PROBES, SignalFamily.REPLICATION);

    assertThat(d.declared()).isTrue();
    assertThat(d.changed()).isTrue();
    assertThat(d.verdict()).isEqualTo(
        "OUTAGE DECLARED: probes up, replication up, aws-health none -> 2 of 2 needed, held 5s");
    assertThat(tick(6, SignalFamily.PROBES, SignalFamily.REPLICATION).changed()).isFalse();
  }

  @Test
  void shouldRestartTheHoldWhenTheQuorumBreaksBeforeDeclaring() {
    tick(0, SignalFamily.PROBES, SignalFamily.AWS_HEALTH);
    tick(4, SignalFamily.PROBES, SignalFamily.AWS_HEALTH);
    tick(5, SignalFamily.PROBES);
    tick(6, SignalFamily.PROBES, SignalFamily.AWS_HEALTH);

    assertThat(tick(10, SignalFamily.PROBES, SignalFamily.AWS_HEALTH).phase()).isEqualTo(Phase.PENDING);
    assertThat(tick(11, SignalFamily.PROBES, SignalFamily.AWS_HEALTH).declared()).isTrue();
  }

  @Test
  void shouldClearOnlyAfterBeingBelowQuorumForClearAfter() {
    for (int s = 0; s <= 5; s++) {
      tick(s, SignalFamily.PROBES, SignalFamily.REPLICATION);
    }
    Decision dip = tick(6, SignalFamily.PROBES);
    assertThat(dip.phase()).isEqualTo(Phase.CLEARING);
    assertThat(dip.declared()).isTrue();
    assertThat(tick(8, SignalFamily.PROBES, SignalFamily.REPLICATION).verdict())
        .as("a dip shorter than clearAfter keeps the outage and its age")
        .endsWith("held 8s");

    tick(9);
    assertThat(tick(13).phase()).isEqualTo(Phase.CLEARING);
    Decision cleared = tick(14);
    assertThat(cleared.declared()).isFalse();
    assertThat(cleared.changed()).isTrue();
    assertThat(cleared.verdict()).isEqualTo(
        "outage cleared: probes none, replication none, aws-health none -> 0 of 2 needed, below quorum 5s");
  }

  @Test
  void shouldIgnoreFamiliesThatAreNotRequiredAndVotesThatAreStale() {
    Instant now = T0;
    FamilySignal alarm = standing(SignalFamily.CLOUDWATCH_ALARM, now, "ALARM (x)");
    FamilySignal stale = new FamilySignal(SignalFamily.AWS_HEALTH, List.of(new Vote(
        SignalFamily.AWS_HEALTH, "RDS", "arn", now.minusSeconds(10), Duration.ofSeconds(5), "d")),
        "open (RDS)");
    QuorumPolicy zeroHold = QuorumPolicy.of(
        List.of(SignalFamily.PROBES, SignalFamily.AWS_HEALTH), 1, Duration.ZERO);

    Decision d = zeroHold.evaluate(
        QuorumView.of(now, "db-primary", List.of(alarm, stale), NORMAL), QuorumState.initial());

    assertThat(d.declared()).isFalse();
    assertThat(d.standing()).isZero();
  }

  @Test
  void shouldDeclareNothingAndStartOverWhileTilted() {
    for (int s = 0; s <= 5; s++) {
      tick(s, SignalFamily.PROBES, SignalFamily.REPLICATION);
    }
    TiltStatus tilted = new TiltStatus(true, "wall clock jumped 5s ahead of monotonic time",
        Duration.ofSeconds(4), Duration.ofSeconds(30), false);
    Decision d = tick(6, tilted, SignalFamily.PROBES, SignalFamily.REPLICATION);

    assertThat(d.phase()).isEqualTo(Phase.TILT);
    assertThat(d.declared()).isFalse();
    assertThat(d.changed()).isTrue();
    assertThat(d.votes().values()).allMatch(List::isEmpty);
    assertThat(d.verdict()).isEqualTo("TILT: wall clock jumped 5s ahead of monotonic time; "
        + "no votes counted, nothing declared until 30s of normal ticks (4s so far)");
    assertThat(tick(7, SignalFamily.PROBES, SignalFamily.REPLICATION).phase())
        .isEqualTo(Phase.PENDING);
  }

  @Test
  void shouldDeclareNothingAndDropADeclaredOutageInTheMinority() {
    for (int s = 0; s <= 5; s++) {
      tick(s, SignalFamily.PROBES, SignalFamily.REPLICATION);
    }
    assertThat(state.declared()).isTrue();
    Instant now = T0.plusSeconds(6);
    Majority minority = new Majority(1, 3, List.of("obs-b", "obs-c"), 0);
    List<FamilySignal> signals = List.of(standing(SignalFamily.PROBES, now, "1/3 suspect db-primary"),
        standing(SignalFamily.REPLICATION, now, "dead primary"));

    Decision d = policy.evaluate(QuorumView.of(now, "db-primary", signals, NORMAL, minority), state);

    assertThat(d.phase()).isEqualTo(Phase.MINORITY);
    assertThat(d.declared()).isFalse();
    assertThat(d.changed()).isTrue();
    assertThat(d.standing()).isZero();
    assertThat(d.votes().values()).allMatch(List::isEmpty);
    assertThat(d.state()).isEqualTo(QuorumState.initial());
    assertThat(d.verdict()).isEqualTo("minority: hears 1 of 3 observers (obs-b, obs-c stale);"
        + " declares nothing, executes nothing: probes 1/3 suspect db-primary,"
        + " replication dead primary, aws-health none");
  }

  @Test
  void shouldRejectAnImpossibleQuorum() {
    List<SignalFamily> two = List.of(SignalFamily.PROBES, SignalFamily.REPLICATION);
    assertThatThrownBy(() -> QuorumPolicy.of(two, 3, Duration.ZERO))
        .hasMessage("minSignals must be between 1 and 2, was 3");
    assertThatThrownBy(() -> QuorumPolicy.of(
        List.of(SignalFamily.PROBES, SignalFamily.PROBES), 1, Duration.ZERO))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> QuorumPolicy.of(List.of(), 1, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldHaveOneDefaultForTheCoreAndTheConfig() {
    assertThat(QuorumPolicy.defaults()).isEqualTo(new QuorumPolicy(
        List.of(SignalFamily.PROBES, SignalFamily.REPLICATION), 2, Duration.ofSeconds(5),
        Duration.ofSeconds(5)));
  }
}
