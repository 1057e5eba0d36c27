package io.drwatch.app.probe;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.runbook.JournalRecord.Reprotected;
import io.drwatch.domain.topology.Topology;
import io.vertx.core.Future;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Ends a channel's DR exposure once the replica a re-protection run rebuilt is read HEALTHY by a
 * probe reading the new direction: journals {@link Reprotected} once, which the topology folds.
 * Only the observer holding the executor lease writes it (others read it from the journal), and
 * never while its own write is in flight, so one confirmation makes one record.
 */
public final class ReprotectConfirmation {
  private static final System.Logger LOG = System.getLogger("io.drwatch.failover");

  private final StatusBoard board;
  private final Predicate<String> loopReadsReversed;
  private final BooleanSupplier leaseHeld;
  private final Function<Reprotected, Future<Void>> journal;
  private final Clock clock;
  private final Set<String> writing = new HashSet<>();

  /** @param loopReadsReversed whether the channel's running loop reads reversed ({@link DirectedLoops#readsReversed}) */
  public ReprotectConfirmation(StatusBoard board, Predicate<String> loopReadsReversed, BooleanSupplier leaseHeld,
      Function<Reprotected, Future<Void>> journal, Clock clock) {
    this.board = board;
    this.loopReadsReversed = loopReadsReversed;
    this.leaseHeld = leaseHeld;
    this.journal = journal;
    this.clock = clock;
  }

  /** Looks at every probe round from now on. */
  public void watch() {
    board.onUpdate(this::seen);
  }

  void seen(ChannelStatus shown) {
    String channel = shown.name();
    Topology t = board.topology();
    Optional<String> run = t.awaitingHealthy(channel);
    // The round must come from a loop reading the rebuilt direction, not the one before it.
    if (run.isEmpty() || writing.contains(channel) || loopReadsReversed.test(channel) != t.readsReversed(channel)
        || board.probed(channel).condition() != ChannelCondition.HEALTHY || !leaseHeld.getAsBoolean()) {
      return;
    }
    writing.add(channel);
    Reprotected record = new Reprotected(run.get(), channel, clock.instant());
    journal.apply(record)
        .onSuccess(v -> LOG.log(Level.WARNING, channel + ": replica rebuilt by run " + run.get()
            + " reads HEALTHY: protected again, DR exposure ended"))
        .onFailure(err -> LOG.log(Level.WARNING, channel + ": re-protection not journaled, retried"
            + " next round: " + err.getMessage()))
        .onComplete(x -> writing.remove(channel));
  }
}
