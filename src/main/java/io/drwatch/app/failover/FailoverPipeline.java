package io.drwatch.app.failover;

import io.drwatch.app.failover.PipelineRefusal.Code;
import io.drwatch.domain.Texts;
import io.drwatch.domain.runbook.FailoverLatch;
import io.drwatch.domain.runbook.FailoverRun;
import io.drwatch.domain.runbook.FailoverRun.Transition;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.RunState;
import io.drwatch.domain.runbook.Trigger;
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.ExecutorLease.Grant;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs failovers: one at a time, each transition journaled (and fsynced) before it is acted on,
 * resumable after a crash or by the next lease holder. Single owner: every method runs on the
 * daemon's context; HTTP handlers and the decision loop call in with intents, the pipeline acts.
 * An execute run starts and goes on only while this observer holds the executor lease.
 */
public final class FailoverPipeline {
  static final System.Logger LOG = System.getLogger("io.drwatch.failover");

  private final Vertx vertx;
  private final PipelineSettings settings;
  private final Journal journal;
  private final RunLedger ledger;
  private final ExecutorLease lease;
  private final StepRunner steps;
  private final Clock clock;
  private final Resumption resumption;
  private final OperatorStart starts;
  private final Owner owner = new Owner();
  private final RunDriver driver;

  public FailoverPipeline(Vertx vertx, PipelineSettings settings, Journal journal, RunsBoard board,
      StepRunner steps, ExecutorLease lease, Clock clock) {
    this.vertx = vertx;
    this.settings = settings;
    this.journal = journal;
    this.lease = lease;
    this.steps = steps;
    this.clock = clock;
    this.ledger = new RunLedger(journal, board, lease, clock);
    this.resumption = new Resumption(settings, clock);
    this.driver = new RunDriver(settings, ledger, steps, resumption, this::commit, clock);
    this.starts = new OperatorStart(settings, new StartGate(settings, ledger, lease, clock), board);
  }

  /**
   * Rebuilds the run history from the journal and, holding the lease, takes up an unfinished
   * run. Call it on the context that owns the pipeline: every later intent moves onto it.
   */
  public Future<Void> recover() {
    owner.claim(vertx);
    lease.onChange(this::leaseChanged);
    // The cluster's journal may not answer yet (ZooKeeper still connecting): the daemon starts
    // anyway, and no execute run starts before a read under the lease succeeds (StartGate).
    return reload().recover(err -> {
      LOG.log(Level.WARNING, "journal not read at start (" + err.getMessage()
          + "): execute runs wait until it is read under the executor lease");
      return Future.succeededFuture();
    });
  }

  /** Re-reads the journal (the cluster's, when mirrored): the latch and runs of other observers. */
  public Future<Void> reload() {
    return owned(() -> {
      long epoch = lease.current().map(Grant::epoch).orElse(-1L);
      return journal.readAll().map(records -> load(records, epoch));
    });
  }

  private Void load(List<JournalRecord> records, long epoch) {
    Optional<FailoverRun> unfinished = ledger.load(records, epoch);
    if (ledger.run() == null) {
      unfinished.flatMap(u -> lease.current().map(g -> u)).ifPresent(this::takeUp);
    }
    return null;
  }

  private void leaseChanged(Optional<Grant> grant) {
    if (grant.isPresent()) {
      LOG.log(Level.WARNING, "executor lease granted, epoch " + grant.get().epoch());
      reload();
      return;
    }
    FailoverRun r = ledger.run();
    resumption.clear();
    if (r != null && r.isActive() && r.mode().production()) {
      LOG.log(Level.ERROR, "lost the executor lease: run " + r.runId() + " stops before its next"
          + " step; the next lease holder resumes it from the journal");
      ledger.release();
      steps.abandonAll("lost the executor lease");
    }
  }

  // An unfinished run found in the journal: resume it, wait for the outage check, or end it.
  private void takeUp(FailoverRun unfinished) {
    long epoch = unfinished.mode().production() ? lease.current().orElseThrow().epoch() : 0;
    ledger.drive(unfinished, epoch);
    Optional<String> missing = resumption.missingStep(unfinished);
    if (missing.isPresent()) {
      commit(r -> r.fail(missing.get(), now())).onSuccess(driver::ended);
    } else if (unfinished.mode().operatorOnly() && resumption.tooOld(unfinished)) {
      commit(r -> r.abandon(resumption.tooOldReason(r), now())).onSuccess(driver::ended);
    } else if (resumption.holdBack(unfinished)) {
      LOG.log(Level.WARNING, "run " + unfinished.runId() + " is older than resumeWithin "
          + Texts.duration(settings.resumeWithin()) + ": resumes only if the outage is still declared");
    } else {
      driver.resume(unfinished);
    }
  }

  /**
   * Once per detection tick: a held-back run resumes if the outage is declared, or is abandoned
   * once detection had its time; an approval wait past {@code approvalTimeout} expires.
   */
  public void tick(boolean declared) {
    owned(() -> {
      if (!declared) {
        ledger.outageCleared();
      }
      FailoverRun r = ledger.run();
      switch (resumption.decide(r, declared)) {
        case RESUME -> driver.resume(r);
        case ABANDON -> commit(x -> x.abandon(resumption.abandonReason(x), now())).onSuccess(driver::ended);
        case WAIT -> { }
      }
      if (r != null && r.state() == RunState.AWAITING_APPROVAL && resumption.approvalExpired(r)) {
        commit(x -> x.expire("no approval within approvalTimeout "
            + Texts.duration(settings.approvalTimeout()), now())).onSuccess(driver::ended);
      }
      return Future.succeededFuture();
    });
  }

  /**
   * Starts a run, or returns the active one: never two at once. An execute run needs the
   * executor lease; an automatic one also needs the latch armed and the cooldown passed.
   */
  public Future<FailoverRun> trigger(RunMode mode, Trigger trigger, boolean automatic) {
    return owned(() -> startRun(mode, trigger, automatic, Optional.empty()));
  }

  /**
   * An operator starts a reprotect or a switchover. Refused (never joined) while another run is
   * active, and for the reasons {@link OperatorStart} gives; {@code acceptDataLoss} journals the
   * operator's acceptance right after the start, so the zero-loss gate does not hold the run.
   */
  public Future<FailoverRun> start(RunMode mode, String by, boolean acceptDataLoss) {
    if (!mode.operatorOnly()) {
      throw new IllegalArgumentException(mode + " is not an operator-only mode");
    }
    return owned(() -> startRun(mode, Trigger.manual(mode.word() + " requested by " + by), false,
        acceptDataLoss ? Optional.of(by) : Optional.empty()));
  }

  private Future<FailoverRun> startRun(RunMode mode, Trigger trigger, boolean automatic, Optional<String> accept) {
    FailoverRun current = ledger.run();
    if (current != null && current.isActive() && !mode.operatorOnly()) {
      return Future.succeededFuture(current);
    }
    Optional<PipelineRefusal> refused = starts.refusal(mode, automatic, current);
    if (refused.isPresent()) {
      return Future.failedFuture(refused.get());
    }
    long epoch = mode.production() ? lease.current().orElseThrow().epoch() : 0;
    ledger.drive(FailoverRun.plan(OperatorStart.newId(mode, now()), mode, trigger, settings.runbook(mode)), epoch);
    boolean awaitApproval = automatic && !settings.automatic();
    return commit(r -> r.start(awaitApproval, now()))
        .compose(r -> accept.isEmpty() ? Future.succeededFuture(r) : commit(x -> x.acceptDataLoss(accept.get(), now())))
        .onSuccess(r -> driver.drive());
  }

  /** Why a declared outage would not start a run right now; empty if it would. */
  public List<String> blockers() {
    FailoverRun r = ledger.run();
    if (r != null && r.isActive()) {
      return List.of("run " + r.runId() + " active (" + r.state() + ")" + (resumption.heldBack(r)
          ? ", held back: older than resumeWithin, it resumes only if the outage is declared again" : ""));
    }
    return starts.refusal(RunMode.EXECUTE, true, r).map(x -> List.of(x.getMessage())).orElse(List.of());
  }

  public Future<FailoverRun> approve(String runId, String by, boolean acceptDataLoss) {
    return owned(() -> active(runId).compose(r -> {
      if (r.state() == RunState.AWAITING_APPROVAL) {
        return commit(x -> x.approve(by, now()));
      }
      if (r.state() == RunState.BLOCKED_DATA_LOSS && acceptDataLoss) {
        return commit(x -> x.acceptDataLoss(by, now()));
      }
      return Future.<FailoverRun>failedFuture(new PipelineRefusal(Code.WRONG_STATE, "run " + runId
          + " is " + r.state() + (r.state() == RunState.BLOCKED_DATA_LOSS
              ? "; approve with acceptDataLoss=true" : "")));
    }).onSuccess(r -> driver.drive()));
  }

  public Future<FailoverRun> cancel(String runId, String by) {
    return owned(() -> active(runId).compose(r -> commit(x -> x.cancel(by, "cancelled by " + by, now())))
        .onSuccess(r -> steps.abandonAll("run " + r.runId() + " cancelled by " + by))
        .onSuccess(driver::ended));
  }

  /** An operator re-arms automatic failover after a successful one; journaled, cluster-wide when mirrored. */
  public Future<FailoverLatch> rearm(String by) {
    return owned(() -> ledger.rearm(by).onSuccess(l ->
        LOG.log(Level.WARNING, "automatic failover re-armed by " + by)));
  }

  public FailoverLatch latch() {
    return ledger.latch();
  }

  /** The latch, once the journal was read; empty before (a cluster journal not answering yet). */
  public Optional<FailoverLatch> knownLatch() {
    return ledger.loaded() ? Optional.of(ledger.latch()) : Optional.empty();
  }

  /** True while this observer drives an active run (its own writes are then the newest). */
  public boolean driving() {
    return ledger.run() != null && ledger.run().isActive();
  }

  public long journalErrors() {
    return ledger.journalErrors();
  }

  private <T> Future<T> owned(Supplier<Future<T>> intent) {
    return owner.run(intent);
  }

  private Future<FailoverRun> active(String runId) {
    FailoverRun r = ledger.run();
    if (r == null || !r.runId().equals(runId) || !r.isActive()) {
      String where = lease.current().isPresent() || lease.holder().isEmpty() ? ""
          : " on this observer (the executor lease is held by " + lease.holder() + ")";
      return Future.failedFuture(new PipelineRefusal(Code.NO_SUCH_RUN, "no active run " + runId + where));
    }
    return Future.succeededFuture(r);
  }

  Future<FailoverRun> commit(Function<FailoverRun, Transition> change) {
    return ledger.commit(change);
  }

  private Instant now() {
    return clock.instant();
  }
}
