package io.drwatch.domain.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.decide.Decision.Phase;
import io.drwatch.domain.channel.CompositeRpo;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ShadowTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final CompositeRpo RPO =
      new CompositeRpo(Optional.of(Duration.ofMillis(2200)), Optional.of(Duration.ofSeconds(1)));

  private static Decision decision(String target, boolean declared) {
    return new Decision(NOW, target, declared ? Phase.DECLARED : Phase.NO_OUTAGE, declared, false,
        Map.of(), List.of(), 0, 2, "v", QuorumState.initial());
  }

  @Test
  void shouldWantToFailOverWhenDeclaredAndNothingBlocks() {
    Shadow s = Shadow.of(List.of(decision("db-primary", true), decision("cache", false)), List.of(), RPO);

    assertThat(s.wouldFailover()).isTrue();
    assertThat(s.declaredTargets()).containsExactly("db-primary");
    assertThat(s.expectedLoss()).contains(Duration.ofMillis(2200));
    assertThat(s.line()).isEqualTo(
        "would fail over: outage declared for db-primary, nothing blocks; expected loss 2.2s");
  }

  @Test
  void shouldNameWhatBlocks() {
    Shadow s = Shadow.of(List.of(decision("db-primary", true)),
        List.of("auto mode off", "cooldown 40m left"), RPO);

    assertThat(s.wouldFailover()).isFalse();
    assertThat(s.line()).isEqualTo("would not fail over: outage declared for db-primary but "
        + "blocked by auto mode off, cooldown 40m left; expected loss 2.2s");
  }

  @Test
  void shouldNotWantToFailOverWithoutAnOutageAndSayWhenLossIsUnknown() {
    Shadow s = Shadow.of(List.of(decision("db-primary", false)), List.of(),
        new CompositeRpo(Optional.empty(), Optional.empty()));

    assertThat(s.wouldFailover()).isFalse();
    assertThat(s.expectedLoss()).isEmpty();
    assertThat(s.line()).isEqualTo("would not fail over: no outage declared; expected loss unknown");
    assertThat(Decision.anyDeclared(List.of(decision("a", false), decision("b", true)))).isTrue();
  }
}
