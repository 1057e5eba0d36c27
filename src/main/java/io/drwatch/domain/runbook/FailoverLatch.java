package io.drwatch.domain.runbook;

import io.drwatch.domain.runbook.JournalRecord.Rearmed;
import io.drwatch.domain.runbook.JournalRecord.RunFinished;
import io.drwatch.domain.runbook.JournalRecord.RunStarted;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether automatic failover is armed. A successful EXECUTE run disarms it: after a failover the
 * promoted standby no longer replicates, so the replication family would vote for ever and any
 * restart, TILT or cooldown expiry would start the runbook again (orchestrator asks for an
 * acknowledgement after a recovery for the same reason). Only an operator's {@link Rearmed}
 * arms it again. Derived from journal records alone, so it survives restarts, and with the
 * journal mirrored in ZooKeeper it holds for every observer.
 *
 * @param latchedBy the successful execute run that disarmed it; empty while armed
 * @param at when that run finished
 */
public record FailoverLatch(Optional<String> latchedBy, Optional<Instant> at) {
  public static final FailoverLatch ARMED = new FailoverLatch(Optional.empty(), Optional.empty());

  public boolean armed() {
    return latchedBy.isEmpty();
  }

  /** The latch after every record of a journal, oldest first. */
  public static FailoverLatch of(List<JournalRecord> records) {
    Map<String, RunMode> modes = new HashMap<>();
    FailoverLatch latch = ARMED;
    for (JournalRecord r : records) {
      if (r instanceof RunStarted s) {
        modes.put(s.runId(), s.mode());
      }
      latch = latch.after(modes.get(r.runId()), r);
    }
    return latch;
  }

  /** The latch after one more record of a run in {@code mode} (null if the run is unknown). */
  public FailoverLatch after(RunMode mode, JournalRecord record) {
    if (record instanceof RunFinished f && f.outcome() == RunState.SUCCEEDED
        && mode == RunMode.EXECUTE) {
      return new FailoverLatch(Optional.of(f.runId()), Optional.of(f.at()));
    }
    if (record instanceof Rearmed r && latchedBy.equals(Optional.of(r.runId()))) {
      return ARMED;
    }
    return this;
  }

  /** For the status page and verdicts: "armed", or "FAILED OVER at T by run R, not re-armed". */
  public String line() {
    return armed() ? "armed"
        : "FAILED OVER at " + at.orElseThrow() + " by run " + latchedBy.orElseThrow()
            + ", not re-armed (POST /api/v1/rearm or drwatch rearm)";
  }
}
