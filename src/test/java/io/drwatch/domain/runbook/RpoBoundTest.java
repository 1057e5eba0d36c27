package io.drwatch.domain.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which loss the RPO gate counts while the primary is unreachable. */
class RpoBoundTest {
  private static final Optional<Duration> HELD = Optional.of(Duration.ofMillis(800));
  private static final Optional<Duration> AGE = Optional.of(Duration.ofSeconds(40));

  @Test
  void shouldUseTheCanaryRpoWhileThePrimaryIsReachable() {
    RpoBound b = RpoBound.of(HELD, AGE, false, false, false);
    assertThat(b.loss()).isEqualTo(HELD);
    assertThat(b.why()).isEqualTo("canary RPO (primary reachable)");
  }

  @Test
  void shouldBoundByTheReplicaAgeWhenAnUnreachablePrimaryMayStillTakeWrites() {
    RpoBound b = RpoBound.of(HELD, AGE, true, false, false);
    assertThat(b.loss()).contains(Duration.ofSeconds(40));
    assertThat(b.why()).isEqualTo("max(held RPO 800ms, replica age 40s): the primary is unreachable,"
        + " not refused, and may still take writes");
  }

  @Test
  void shouldTrustTheHeldRpoOnlyWhenThePrimaryCannotTakeWrites() {
    assertThat(RpoBound.of(HELD, AGE, true, true, false).loss()).isEqualTo(HELD);
    assertThat(RpoBound.of(HELD, AGE, true, true, false).why()).contains("the fence step is verified");
    assertThat(RpoBound.of(HELD, AGE, true, false, true).loss()).isEqualTo(HELD);
    assertThat(RpoBound.of(HELD, AGE, true, false, true).why()).contains("every probe is refused");
  }

  @Test
  void shouldBeUnknownWhenThePrimaryMayTakeWritesAndTheAgeIsUnknown() {
    RpoBound b = RpoBound.of(HELD, Optional.empty(), true, false, false);
    assertThat(b.loss()).isEmpty();
    assertThat(b.why()).startsWith("unknown:");
  }

  @Test
  void shouldNeverGoBelowTheHeldRpo() {
    assertThat(RpoBound.of(Optional.of(Duration.ofSeconds(9)), Optional.of(Duration.ofSeconds(2)),
        true, false, false).loss()).contains(Duration.ofSeconds(9));
  }
}
