package io.drwatch.domain.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.Outcome;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Managed-service channels: provider figures, missing datapoints, lying telemetry, drift. */
class ManagedChannelTrackerTest {
  private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final ChannelSpec spec = new ChannelSpec("orders-rds", ChannelKind.RDS, MINUTE, Duration.ofMinutes(5), 3);
  private final ChannelTracker tracker = new ChannelTracker(spec, T0);

  private ChannelStatus metricRound(Instant now, ProviderLag lag) {
    ReplicaView view = new ReplicaView(Optional.of(lag.impliedVisible(now)), LinkState.UP, "replicating",
        Optional.of(lag), false, Optional.empty(), Optional.empty());
    return tracker.accept(new LagSample(now, Outcome.ok(view), Outcome.ok(ProviderLag.committedAt(now)),
        Duration.ofMillis(40))).status();
  }

  @Test
  void shouldTakeTheLargerOfTheReportedLagAndTheDatapointAge() {
    ProviderLag lag = new ProviderLag("AWS/RDS ReplicaLag", Duration.ofSeconds(4), T0.minusSeconds(90));

    assertThat(lag.effective(T0)).isEqualTo(Duration.ofSeconds(90));
    assertThat(lag.effective(T0.minusSeconds(88))).isEqualTo(Duration.ofSeconds(4));
    ChannelStatus s = metricRound(T0, lag);
    assertThat(s.rpo()).contains(Duration.ofSeconds(90));
    assertThat(s.reported()).contains(lag);
    assertThat(s.telemetryContradicted()).isFalse();
  }

  @Test
  void shouldBeUnknownWithNoRpoWhenTheProviderHasNoDatapoint() {
    metricRound(T0, new ProviderLag("AWS/RDS ReplicaLag", Duration.ofSeconds(2), T0.minusSeconds(60)));
    assertThat(tracker.status().rpo()).isPresent();

    Instant later = T0.plus(MINUTE);
    ChannelStatus s = tracker.accept(new LagSample(later,
        Outcome.ok(ReplicaView.telemetryMissing(LinkState.UNKNOWN, "no ReplicaLag datapoint in the last 5m")),
        Outcome.ok(ProviderLag.committedAt(later)), Duration.ofMillis(40))).status();

    assertThat(s.condition()).isEqualTo(ChannelCondition.UNKNOWN);
    assertThat(s.rpo()).isEmpty();
    assertThat(s.verdict()).isEqualTo("provider telemetry missing: no ReplicaLag datapoint in the last 5m");
  }

  @Test
  void shouldFlagAProviderThatUnderstatesWhatTheCanaryShows() {
    // The canary: committed at T0, the replica shows what was written 10 minutes earlier.
    Heartbeat committed = new Heartbeat(100, T0);
    Heartbeat visible = new Heartbeat(90, T0.minus(Duration.ofMinutes(10)));
    ProviderLag zero = new ProviderLag("AWS/RDS ReplicaLag", Duration.ZERO, T0.minusSeconds(60));
    ReplicaView view = ReplicaView.of(visible, LinkState.UP, "streaming").withReported(zero);

    ChannelStatus s = tracker.accept(new LagSample(T0, Outcome.ok(view), Outcome.ok(committed),
        Duration.ofMillis(5))).status();

    assertThat(s.rpo()).contains(Duration.ofMinutes(10));
    assertThat(s.telemetryContradicted()).isTrue();
    assertThat(s.condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(s.verdict()).endsWith(
        "; lying telemetry: AWS/RDS ReplicaLag reports 0ms at 2026-11-24T23:59:00Z, the canary shows rpo 10m");
  }

  @Test
  void shouldNotFlagACanaryWithinTheDatapointAgePlusOneInterval() {
    Heartbeat committed = new Heartbeat(100, T0);
    // 60 s datapoint age + 5 s reported + 60 s canary resolution = 125 s allowed.
    Heartbeat visible = new Heartbeat(90, T0.minusSeconds(125));
    ProviderLag lag = new ProviderLag("AWS/RDS ReplicaLag", Duration.ofSeconds(5), T0.minusSeconds(60));
    ReplicaView view = ReplicaView.of(visible, LinkState.UP, "streaming").withReported(lag);

    ChannelStatus s = tracker.accept(new LagSample(T0, Outcome.ok(view), Outcome.ok(committed),
        Duration.ofMillis(5))).status();

    assertThat(s.telemetryContradicted()).isFalse();
  }

  @Test
  void shouldBeLaggingWithTheReasonWhenTheStandbyDrifted() {
    Heartbeat now = ProviderLag.committedAt(T0);
    ReplicaView view = ReplicaView.of(now, LinkState.UP, "parity checked")
        .withDrift("deployment shop/api: image digest sha256:bb.. differs from primary sha256:aa..")
        .withWarmUp(Duration.ofSeconds(90));

    ChannelStatus s = tracker.accept(new LagSample(T0, Outcome.ok(view), Outcome.ok(now), Duration.ZERO)).status();

    assertThat(s.condition()).isEqualTo(ChannelCondition.LAGGING);
    assertThat(s.verdict()).startsWith("standby drifted from primary: deployment shop/api");
    assertThat(s.warmUp()).contains(Duration.ofSeconds(90));
  }
}
