package io.drwatch.app.failover;

import io.drwatch.app.failover.PipelineRefusal.Code;
import io.drwatch.domain.Texts;
import io.drwatch.port.ExecutorLease;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * What stops an execute run from starting now, in the order an operator should fix it: the
 * executor lease (any execute run), then for an automatic trigger the post-failover latch and the
 * cooldown after the last execute run. Drills pass: they touch only drill targets.
 */
final class StartGate {
  private final PipelineSettings settings;
  private final RunLedger ledger;
  private final ExecutorLease lease;
  private final Clock clock;

  StartGate(PipelineSettings settings, RunLedger ledger, ExecutorLease lease, Clock clock) {
    this.settings = settings;
    this.ledger = ledger;
    this.lease = lease;
    this.clock = clock;
  }

  Optional<PipelineRefusal> refusal(boolean automatic) {
    if (lease.current().isEmpty()) {
      String holder = lease.holder();
      return Optional.of(new PipelineRefusal(Code.NOT_EXECUTOR, "not the executor: " + (holder.isEmpty()
          ? "this observer does not hold the executor lease" : "the lease is held by " + holder)));
    }
    if (!ledger.caughtUp()) {
      return Optional.of(new PipelineRefusal(Code.NOT_EXECUTOR, "not the executor yet: reading the"
          + " journal under the new executor lease (epoch "
          + lease.current().orElseThrow().epoch() + ")"));
    }
    if (automatic && !ledger.latch().armed()) {
      return Optional.of(new PipelineRefusal(Code.NOT_ARMED,
          "automatic failover is not armed: " + ledger.latch().line()));
    }
    if (automatic && ledger.awaitingClear()) {
      return Optional.of(new PipelineRefusal(Code.NOT_ARMED, "re-armed: automatic failover arms once"
          + " the declared outage clears (it is the one already failed over)"));
    }
    Duration since = Duration.between(ledger.lastExecuteEnded(), clock.instant());
    if (automatic && since.compareTo(settings.cooldown()) < 0) {
      return Optional.of(new PipelineRefusal(Code.COOLDOWN, "cooldown: the last execute run ended "
          + Texts.duration(since) + " ago, cooldown is " + Texts.duration(settings.cooldown())));
    }
    return Optional.empty();
  }
}
