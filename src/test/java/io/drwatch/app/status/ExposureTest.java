package io.drwatch.app.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.JournalRecord.DirectionFlipped;
import io.drwatch.domain.topology.Topology;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The banner's facts: every exposed channel, since the oldest failover among them. */
class ExposureTest {
  private static final Instant T0 = Instant.parse("2026-12-07T03:12:00.250Z");

  @Test
  void shouldNameEveryExposedChannelSinceTheOldestFailover() {
    Topology t = Topology.AS_CONFIGURED
        .after(new DirectionFlipped("r1", List.of("lab-postgres"), T0))
        .after(new DirectionFlipped("r2", List.of("lab-redis"), T0.plusSeconds(30)));

    Exposure e = Exposure.of(t, T0.plus(Duration.ofMinutes(42))).orElseThrow();
    assertThat(e.channels()).containsExactly("lab-postgres", "lab-redis");
    assertThat(e.since()).isEqualTo(T0);
    assertThat(e.longest()).isEqualTo(Duration.ofMinutes(42));
    assertThat(e.line()).isEqualTo("Running without DR since 2026-12-07T03:12:00Z (42m): lab-postgres,"
        + " lab-redis \u2014 run drwatch reprotect");
  }

  @Test
  void shouldBeEmptyOnceEveryChannelHasAReplica() {
    Topology t = Topology.AS_CONFIGURED.after(new DirectionFlipped("r1", List.of("lab-postgres"), T0))
        .reprotected("lab-postgres", T0.plusSeconds(600));

    assertThat(Exposure.of(t, T0.plusSeconds(900))).isEmpty();
    assertThat(Exposure.of(Topology.AS_CONFIGURED, T0)).isEmpty();
  }
}
