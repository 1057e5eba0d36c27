package io.drwatch.domain.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.RpoGate.Outcome;
import io.drwatch.domain.runbook.RpoGate.Verdict;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RpoGateTest {
  private static final RpoGate GATE = new RpoGate(Duration.ofSeconds(5), Duration.ofSeconds(60));

  @ParameterizedTest(name = "rpo {0}, waited {1}, budget {2} -> {3} {4}")
  @CsvSource(delimiter = '|', textBlock = """
      # rpo | waited | RTO budget left | outcome | wait at most (seconds; - = unknown RPO)
      2     | 0      | 300             | PROCEED | 0
      5     | 0      | 300             | PROCEED | 0
      5     | 90     | -5              | PROCEED | 0
      12    | 0      | 300             | WAIT    | 60
      12    | 45     | 300             | WAIT    | 15
      12    | 45     | 10              | WAIT    | 10
      12    | 60     | 300             | BLOCK   | 0
      12    | 20     | 0               | BLOCK   | 0
      12    | 20     | -5              | BLOCK   | 0
      -     | 0      | 300             | WAIT    | 60
      -     | 60     | 300             | BLOCK   | 0
      """)
  void shouldProceedWaitOrBlockByRpoDrainWaitAndRtoBudget(String rpo, long waited, long budget,
      Outcome outcome, long waitAtMost) {
    Verdict v = decide(rpo, waited, budget);

    assertThat(v.outcome()).isEqualTo(outcome);
    assertThat(v.waitAtMost()).isEqualTo(Duration.ofSeconds(waitAtMost));
  }

  @Test
  void shouldExplainEachVerdictInOneLine() {
    assertThat(decide("2", 0, 300).reason()).isEqualTo("pg-orders RPO 2s <= maxDataLoss 5s");
    assertThat(decide("12", 45, 300).reason()).isEqualTo(
        "pg-orders RPO 12s > maxDataLoss 5s: waiting up to 15s more for catch-up (waited 45s)");
    assertThat(decide("12", 60, 300).reason()).isEqualTo("pg-orders RPO 12s > maxDataLoss 5s"
        + " after waiting 60s (drainWait 60s spent); promotion needs acceptDataLoss");
    assertThat(decide("12", 20, 0).reason()).isEqualTo("pg-orders RPO 12s > maxDataLoss 5s"
        + " after waiting 20s (RTO budget spent); promotion needs acceptDataLoss");
    assertThat(decide("-", 0, 300).reason()).isEqualTo(
        "pg-orders RPO unknown, maxDataLoss 5s: waiting up to 60s more for catch-up (waited 0ms)");
  }

  private static Verdict decide(String rpo, long waited, long budget) {
    Optional<Duration> measured = rpo.equals("-") ? Optional.empty()
        : Optional.of(Duration.ofSeconds(Long.parseLong(rpo)));
    return GATE.decide("pg-orders", measured, Duration.ofSeconds(waited),
        Duration.ofSeconds(budget));
  }
}
