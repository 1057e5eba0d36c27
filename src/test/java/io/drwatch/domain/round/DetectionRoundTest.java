package io.drwatch.domain.round;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.config.DetectionConfig;
import io.drwatch.config.QuorumConfig;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.Decision.Phase;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.lag.LinkState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DetectionRoundTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final TiltStatus NORMAL = TiltStatus.normal(Duration.ofSeconds(30));
  private static final DetectionSettings SETTINGS = DetectionSettings.of(
      QuorumPolicy.of(List.of(SignalFamily.PROBES, SignalFamily.REPLICATION), 2,
          Duration.ofSeconds(5)), Duration.ofSeconds(1), Duration.ofSeconds(5));

  private static ChannelStatus lost(Instant at) {
    ChannelSpec spec = new ChannelSpec("orders-db", ChannelKind.POSTGRES, Duration.ofSeconds(2),
        Duration.ofSeconds(1), 3);
    return new ChannelStatus(spec, ChannelCondition.SOURCE_UNREACHABLE,
        Optional.of(Duration.ofSeconds(1)), spec.interval(), Optional.empty(), LinkState.DOWN, 10,
        9, Optional.empty(), Optional.empty(), "lost it", at, Duration.ZERO, true, 5,
        Optional.empty(), false, Optional.empty());
  }

  private static RoundInputs inputs(Instant now, ChannelStatus channel, TiltStatus tilt) {
    ObserverReport own = new ObserverReport("obs-a", "db", true, now, Duration.ofSeconds(4), "down");
    return new RoundInputs(now, now, "obs-a", 1,
        List.of(new RoundInputs.Target(own, List.of(channel))), List.of(), List.of(channel), null,
        null, tilt, List.of(), SETTINGS);
  }

  @Test
  void shouldHoldThenDeclareAndAskForARun() {
    RoundResult first = DetectionRound.evaluate(inputs(T0, lost(T0), NORMAL), RoundState.initial());

    assertThat(first.decisions()).singleElement().extracting(d -> d.phase())
        .isEqualTo(Phase.PENDING);
    assertThat(first.deadline()).contains(T0.plusSeconds(5));
    assertThat(first.trigger().start()).isFalse();

    Instant later = T0.plusSeconds(5);
    RoundResult second = DetectionRound.evaluate(inputs(later, lost(later), NORMAL), first.next());

    assertThat(second.decisions().get(0).phase()).isEqualTo(Phase.DECLARED);
    assertThat(second.deadline()).isEmpty();
    assertThat(second.trigger().start()).isTrue();
    assertThat(second.trigger().targets()).containsExactly("db");
    assertThat(second.trigger().evidence()).containsExactly(second.verdict(),
        second.shadow().line());
  }

  @Test
  void shouldNotCountAChannelStatusOlderThanThreeTicksAndThreeOfItsIntervals() {
    // Fresh for 3 x (1s tick + 2s interval) = 9s after its round.
    Instant now = T0.plusSeconds(10);
    RoundResult stale = DetectionRound.evaluate(inputs(now, lost(now.minusSeconds(10)), NORMAL),
        RoundState.initial());
    RoundResult fresh = DetectionRound.evaluate(inputs(now, lost(now.minusSeconds(9)), NORMAL),
        RoundState.initial());

    assertThat(stale.decisions().get(0).missing()).contains(SignalFamily.REPLICATION);
    assertThat(fresh.decisions().get(0).missing()).isEmpty();
  }

  @Test
  void shouldSuspectNothingAndBlockWhileTilted() {
    TiltStatus tilted = new TiltStatus(true, "wall clock jumped", Duration.ZERO,
        Duration.ofSeconds(30), true);
    RoundResult r = DetectionRound.evaluate(inputs(T0, lost(T0), tilted), RoundState.initial());

    assertThat(r.own()).singleElement().satisfies(o -> assertThat(o.suspected()).isFalse());
    assertThat(r.blockers()).containsExactly("tilt");
    assertThat(r.verdict()).isEqualTo(tilted.verdictLine());
    assertThat(r.trigger().start()).isFalse();
  }

  @Test
  void shouldBeTheOneSetOfDefaultsTheConfigReadsAs() {
    DetectionSettings d = DetectionSettings.defaults();
    QuorumConfig q = QuorumConfig.defaults();

    assertThat(q.require()).isEqualTo(
        d.policy().require().stream().map(SignalFamily::configName).toList());
    assertThat(q.minSignals()).isEqualTo(d.policy().minSignals());
    assertThat(q.holdFor()).isEqualTo(d.policy().holdFor());
    assertThat(q.clearAfter()).isEqualTo(d.policy().clearAfter());
    assertThat(DetectionConfig.none().tick()).isEqualTo(d.tick());
    assertThat(DetectionConfig.none().peerFreshness()).isEqualTo(d.peerFreshFor());
    assertThat(d.reportFreshFor(Duration.ofSeconds(1), Duration.ofMillis(800)))
        .isEqualTo(Duration.ofMillis(3800));
  }
}
