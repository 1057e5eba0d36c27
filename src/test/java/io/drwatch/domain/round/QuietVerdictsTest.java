package io.drwatch.domain.round;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Detection rounds on virtual time, one per second, through the quiet log. */
class QuietVerdictsTest {
  private static final Instant T0 = Instant.parse("2026-12-07T04:00:00Z");
  private static final Duration TICK = Duration.ofSeconds(1);
  private static final DetectionSettings SETTINGS = DetectionSettings.of(
      QuorumPolicy.of(List.of(SignalFamily.PROBES, SignalFamily.REPLICATION), 2,
          Duration.ofSeconds(5)), TICK, Duration.ofSeconds(5));
  private static final ChannelSpec SPEC = new ChannelSpec("orders-db", ChannelKind.POSTGRES,
      Duration.ofSeconds(1), Duration.ofSeconds(1), 3);

  private final QuietVerdicts quiet = new QuietVerdicts(Duration.ofMinutes(5));
  private final List<String> logged = new ArrayList<>();
  private RoundState state = RoundState.initial();
  private Instant now = T0;
  private Topology topology = Topology.AS_CONFIGURED;

  private static ChannelStatus channel(Instant at, boolean lost, long rpoMillis) {
    return new ChannelStatus(SPEC, lost ? ChannelCondition.SOURCE_UNREACHABLE : ChannelCondition.HEALTHY,
        Optional.of(Duration.ofMillis(rpoMillis)), SPEC.interval(), Optional.of(Duration.ofMillis(rpoMillis)),
        lost ? LinkState.DOWN : LinkState.UP, 10, 9, Optional.of(at), Optional.empty(), "ok", at,
        Duration.ofMillis(3), true, 5, Optional.empty(), false, Optional.empty());
  }

  /** One round at {@code now}; the RPO wobbles like a real one so the verdict's numbers move. */
  private void round(boolean down) {
    ObserverReport own = new ObserverReport("obs-a", "db-primary", down, now, Duration.ofSeconds(4),
        down ? "connection refused" : "ok");
    ChannelStatus ch = topology.overlay(channel(now, down, 100 + now.getEpochSecond() % 7 * 10));
    RoundResult r = DetectionRound.evaluate(new RoundInputs(now, now, "obs-a", 1,
        List.of(new RoundInputs.Target(own, List.of(ch))), List.of(), List.of(ch), null, null,
        TiltStatus.normal(Duration.ofSeconds(30)), List.of(), SETTINGS), state);
    state = r.next();
    quiet.offer(r).ifPresent(logged::add);
    now = now.plus(TICK);
  }

  private void rounds(int n, boolean down) {
    for (int i = 0; i < n; i++) {
      round(down);
    }
  }

  @Test
  void shouldLogFewerThanTenLinesOverTenSteadyMinutes() {
    rounds(600, false);

    assertThat(logged).hasSizeLessThan(10);
    assertThat(logged).hasSize(2);
    assertThat(logged.get(0)).isEqualTo(
        "no outage: probes 0/1 suspect db-primary, replication HEALTHY -> 0 of 2 needed");
    assertThat(logged.get(1)).isEqualTo("no outage: probes 0/1 suspect db-primary, replication"
        + " HEALTHY -> 0 of 2 needed (unchanged for 300s, 300 rounds)");
  }

  @Test
  void shouldLogTheOutageWhenItIsDeclaredNotOnEveryTick() {
    rounds(10, false);
    rounds(60, true);
    // Cleared is the line that says it; the calm after it has the same shape and stays quiet.
    rounds(20, false);

    assertThat(logged.stream().filter(l -> l.startsWith("OUTAGE DECLARED:")))
        .as("declared lines in %s", logged).hasSize(1);
    assertThat(logged).extracting(l -> l.substring(0, l.indexOf(':'))).containsExactly(
        "no outage", "outage pending", "OUTAGE DECLARED", "OUTAGE DECLARED, clearing",
        "outage cleared");
    assertThat(logged.get(2)).isEqualTo("OUTAGE DECLARED: probes 1/1 suspect db-primary, replication"
        + " dead primary: every replica lost it (orders-db SOURCE_UNREACHABLE, link down) -> 2 of 2 needed,"
        + " held 5s");
  }

  @Test
  void shouldStopDeclaringAboutTheOldPrimaryOnceTheFailoverIsComplete() {
    rounds(10, false);
    rounds(30, true);
    topology = topology.after(new DirectionFlipped("r1", List.of("orders-db"), now));
    Instant flippedAt = now;
    // The former primary stays dead for an hour: no DR all along.
    rounds(3600, true);

    assertThat(logged.stream().filter(l -> l.startsWith("OUTAGE DECLARED")))
        .as("declared lines in %s", logged).hasSize(1);
    List<String> over = logged.stream().filter(l -> l.startsWith("db-primary FAILED OVER")).toList();
    assertThat(over.get(0)).isEqualTo("db-primary FAILED OVER: failed over at " + flippedAt
        + " by run r1; old primary db-primary is fenced/unreachable; no DR (orders-db UNPROTECTED)");
    assertThat(over).as("once when it failed over, then one summary per 5 minutes").hasSize(12);
    assertThat(logged).hasSizeLessThan(20);
    assertThat(state.of("db-primary").declared()).as("nothing declared about the former primary")
        .isFalse();
  }

  @Test
  void shouldLogEveryRoundWithAZeroInterval() {
    QuietVerdicts every = new QuietVerdicts(Duration.ZERO);
    rounds(1, false);
    RoundResult again = DetectionRound.evaluate(new RoundInputs(now, now, "obs-a", 1, List.of(),
        List.of(), List.of(), null, null, TiltStatus.normal(Duration.ofSeconds(30)), List.of(),
        SETTINGS), state);

    assertThat(every.offer(again)).isPresent();
    assertThat(every.offer(again)).isPresent();
  }
}
