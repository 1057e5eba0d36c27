package io.drwatch.domain.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.runbook.JournalRecord.Rearmed;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The latch is a fold of journal records: only a successful execute run disarms it. */
class FailoverLatchTest {
  private static final Instant T0 = Instant.parse("2026-12-07T03:00:00Z");

  private static RunStarted started(String id, RunMode mode) {
    return new RunStarted(id, mode, Trigger.manual("t"), List.of(), false, T0);
  }

  @Test
  void shouldLatchOnlyAfterASuccessfulExecuteRun() {
    assertThat(FailoverLatch.of(List.of(started("d1", RunMode.DRILL),
        new RunFinished("d1", RunState.SUCCEEDED, "", T0))).armed()).as("a drill").isTrue();
    assertThat(FailoverLatch.of(List.of(started("x1", RunMode.EXECUTE),
        new RunFinished("x1", RunState.FAILED, "boom", T0))).armed()).as("a failed run").isTrue();
    FailoverLatch latched = FailoverLatch.of(List.of(started("x2", RunMode.EXECUTE),
        new RunFinished("x2", RunState.SUCCEEDED, "", T0)));
    assertThat(latched.armed()).isFalse();
    assertThat(latched.line()).isEqualTo("FAILED OVER at 2026-12-07T03:00:00Z by run x2, not re-armed"
        + " (POST /api/v1/rearm or drwatch rearm)");
  }

  @Test
  void shouldReArmOnlyForTheRunThatLatched() {
    List<JournalRecord> records = List.of(started("x1", RunMode.EXECUTE),
        new RunFinished("x1", RunState.SUCCEEDED, "", T0), new Rearmed("x0", "stale", T0));
    assertThat(FailoverLatch.of(records).armed()).as("a re-arm of an older failover").isFalse();
    assertThat(FailoverLatch.of(List.of(records.get(0), records.get(1), new Rearmed("x1", "jane", T0)))
        .armed()).isTrue();
  }
}
