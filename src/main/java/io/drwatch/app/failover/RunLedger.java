package io.drwatch.app.failover;

import io.drwatch.app.failover.PipelineRefusal.Code;
import io.drwatch.domain.runbook.FailoverLatch;
import io.drwatch.domain.topology.Topology;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.Replayed;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.Journal;
import io.drwatch.port.LeaseFailure;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The run this observer drives and everything derived from the journal (latch, cooldown clock),
 * changed only by journaled transitions. Each transition is computed from the newest run, is
 * fenced (an execute run's record is written only while the lease still holds the epoch the run
 * is driven under), is journaled, and only then becomes state. Single owner: the pipeline's context.
 */
final class RunLedger {
  private final Journal journal;
  private final RunsBoard board;
  private final ExecutorLease lease;
  private final Clock clock;
  private final AtomicLong journalErrors = new AtomicLong();
  private FailoverRun run;
  private long epoch;
  private Future<FailoverRun> commits = Future.succeededFuture();
  private FailoverLatch latch = FailoverLatch.ARMED;
  private Instant lastExecuteEnded = Instant.EPOCH;
  private long loadedUnder = -1;
  private boolean loaded;
  private boolean awaitingClear;

  RunLedger(Journal journal, RunsBoard board, ExecutorLease lease, Clock clock) {
    this.journal = journal;
    this.board = board;
    this.lease = lease;
    this.clock = clock;
  }

  /**
   * Rebuilds runs, latch and cooldown clock from the journal as read while the lease was held
   * under {@code epoch} (-1: not held); returns its unfinished run.
   */
  Optional<FailoverRun> load(List<JournalRecord> records, long epoch) {
    loadedUnder = epoch;
    boolean wasLatched = loaded && !latch.armed();
    Replayed replayed = FailoverRun.replayAll(records);
    replayed.problems().forEach(p -> FailoverPipeline.LOG.log(Level.WARNING, "journal: " + p));
    replayed.runs().forEach(board::put);
    latch = FailoverLatch.of(records);
    board.topology(Topology.of(records));
    loaded = true;
    if (wasLatched && latch.armed()) {
      awaitingClear = true; // re-armed by an operator on another observer
    }
    replayed.runs().stream().filter(r -> r.mode() == RunMode.EXECUTE)
        .map(r -> r.endedAt().orElse(Instant.EPOCH)).max(Instant::compareTo)
        .ifPresent(t -> lastExecuteEnded = t);
    return replayed.unfinished();
  }

  /** Drives {@code r} from now on, under {@code epoch} (0 for a drill). */
  void drive(FailoverRun r, long underEpoch) {
    run = r;
    epoch = underEpoch;
  }

  /** Stops driving (the lease is gone): the run stays active in the journal for the next holder. */
  void release() {
    run = null;
    epoch = 0;
  }

  FailoverRun run() {
    return run;
  }

  long epoch() {
    return epoch;
  }

  FailoverLatch latch() {
    return latch;
  }

  Instant lastExecuteEnded() {
    return lastExecuteEnded;
  }

  /**
   * True once the journal was read under the lease's current grant: before that, the latch and
   * the cooldown may be another holder's stale view, so no execute run may start on them.
   */
  boolean caughtUp() {
    return lease.current().map(g -> g.epoch() == loadedUnder).orElse(false);
  }

  /**
   * True from a re-arm until detection next sees no outage: the outage declared when the operator
   * re-armed is the one already failed over (its primary is still the dead one), so it must not
   * start the runbook again; the next outage may.
   */
  boolean awaitingClear() {
    return awaitingClear;
  }

  void outageCleared() {
    awaitingClear = false;
  }

  /** False until the journal was read once: until then the latch is not known. */
  boolean loaded() {
    return loaded;
  }

  long journalErrors() {
    return journalErrors.get();
  }

  Future<FailoverRun> commit(Function<FailoverRun, Transition> change) {
    commits = commits.transform(ignored -> {
      if (run == null) {
        return Future.failedFuture(new PipelineRefusal(Code.NOT_EXECUTOR,
            "this observer no longer drives a run (the executor lease moved)"));
      }
      if (!fenceHolds()) {
        return Future.failedFuture(new PipelineRefusal(Code.NOT_EXECUTOR, "lost the executor lease"
            + " (epoch " + epoch + "): run " + run.runId() + " stops before its next step"));
      }
      Transition t;
      try {
        t = change.apply(run);
      } catch (RuntimeException e) {
        return Future.failedFuture(e);
      }
      return journal.append(t.record(), epoch).transform(ar -> ar.succeeded()
          ? Future.succeededFuture(adopt(t))
          : journalFailed(t, ar.cause()));
    });
    return commits;
  }

  /** An operator's re-arm: a fact about a finished run, written without the lease. */
  Future<FailoverLatch> rearm(String by) {
    Future<FailoverLatch> done = commits.transform(ignored -> {
      if (latch.armed()) {
        return Future.failedFuture(new PipelineRefusal(Code.ALREADY_ARMED,
            "automatic failover is armed already"));
      }
      JournalRecord.Rearmed r = new JournalRecord.Rearmed(latch.latchedBy().orElseThrow(), by,
          clock.instant());
      return journal.append(r, 0).map(v -> {
        awaitingClear = true;
        return latch = latch.after(RunMode.EXECUTE, r);
      });
    });
    commits = done.transform(ar -> Future.succeededFuture(run));
    return done;
  }

  private boolean fenceHolds() {
    return !run.mode().production() || epoch == 0
        || lease.current().map(g -> g.epoch() == epoch).orElse(false);
  }

  private FailoverRun adopt(Transition t) {
    run = t.run();
    board.put(run);
    latch = latch.after(run.mode(), t.record());
    board.topology(board.topology().after(t.record()));
    if (run.mode() == RunMode.EXECUTE && run.state().isTerminal()) {
      lastExecuteEnded = run.endedAt().orElse(clock.instant());
    }
    return run;
  }

  /**
   * A record the journal refused. Lost fencing is the lease's business (the next holder resumes).
   * Anything else fails the run, visibly, so single flight is not wedged by a step that can never
   * be recorded as ended: the failure is journaled if the journal takes it, and held in memory
   * either way.
   */
  private Future<FailoverRun> journalFailed(Transition t, Throwable cause) {
    if (cause instanceof LeaseFailure) {
      return Future.failedFuture(new PipelineRefusal(Code.NOT_EXECUTOR, "the cluster refused run "
          + run.runId() + "'s record (" + ((LeaseFailure) cause).code() + ": " + cause.getMessage()
          + "): stopping before the next step"));
    }
    journalErrors.incrementAndGet();
    String why = "journal write failed (" + t.record().getClass().getSimpleName() + "): "
        + cause.getMessage();
    FailoverPipeline.LOG.log(Level.ERROR, "run " + run.runId() + ": " + why);
    if (!run.isActive()) {
      return Future.failedFuture(new PipelineRefusal(Code.JOURNAL, why));
    }
    Transition failed = run.fail(why, clock.instant());
    return journal.append(failed.record(), epoch).transform(ar -> {
      if (ar.failed()) {
        journalErrors.incrementAndGet();
      }
      adopt(failed);
      return Future.failedFuture(new PipelineRefusal(Code.JOURNAL, why));
    });
  }
}
