package io.drwatch.domain.decide;

import io.drwatch.domain.ConfigNamed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VoteTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

  private static Vote vote(SignalFamily f, Instant castAt, Duration freshFor) {
    return new Vote(f, "db-primary", "obs-a", castAt, freshFor, "detail");
  }

  @Test
  void shouldBeFreshUpToAndIncludingItsWindow() {
    Vote v = vote(SignalFamily.PROBES, T0, Duration.ofSeconds(3));

    assertThat(v.isFresh(T0.minusSeconds(1))).as("cast in the future").isTrue();
    assertThat(v.isFresh(T0.plusSeconds(3))).isTrue();
    assertThat(v.isFresh(T0.plusMillis(3001))).isFalse();
  }

  @Test
  void shouldStandOnlyWithAFreshVoteOfItsOwnFamily() {
    FamilySignal s = new FamilySignal(SignalFamily.AWS_HEALTH, List.of(
        vote(SignalFamily.AWS_HEALTH, T0, Duration.ofSeconds(1)),
        vote(SignalFamily.AWS_HEALTH, T0.plusSeconds(5), Duration.ofSeconds(1))), "open (RDS)");

    assertThat(s.stands(T0.plusSeconds(7))).isFalse();
    assertThat(s.freshVotes(T0.plusSeconds(6))).hasSize(1);
    assertThat(s.verdictPart()).isEqualTo("aws-health open (RDS)");
    assertThatThrownBy(() -> new FamilySignal(SignalFamily.PROBES,
        List.of(vote(SignalFamily.REPLICATION, T0, Duration.ZERO)), "x"))
        .hasMessage("replication vote in the probes signal");
  }

  @Test
  void shouldSpellFamiliesAsInTheConfig() {
    assertThat(ConfigNamed.fromConfigName(SignalFamily.class, "cloudwatch-alarm")).contains(SignalFamily.CLOUDWATCH_ALARM);
    assertThat(ConfigNamed.fromConfigName(SignalFamily.class, "CLOUDWATCH_ALARM")).isEmpty();
    assertThat(ConfigNamed.allConfigNames(SignalFamily.class))
        .isEqualTo("probes | replication | aws-health | cloudwatch-alarm");
  }
}
