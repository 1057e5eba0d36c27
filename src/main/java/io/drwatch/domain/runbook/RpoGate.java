package io.drwatch.domain.runbook;

import io.drwatch.domain.Texts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, before a promotion, whether the data the standby lacks is within policy. Pure: the
 * caller measures the RPO, keeps the time, and asks again after WAIT. Once the run has a
 * DataLossAccepted, the caller skips the gate ({@link FailoverRun#dataLossAcceptedBy}).
 *
 * @param maxDataLoss the most data, in time, a promotion may lose ({@code runbook.maxDataLoss})
 * @param drainWait how long to wait for the standby to catch up ({@code runbook.drainWait})
 */
public record RpoGate(Duration maxDataLoss, Duration drainWait) {

  public enum Outcome {
    /** RPO within maxDataLoss: promote. */
    PROCEED,
    /** Above it, but time is left to catch up: ask again within {@code waitAtMost}. */
    WAIT,
    /** Above it and no time left: block the run until someone accepts the loss. */
    BLOCK
  }

  /**
   * @param waitAtMost for WAIT, how much longer the gate may wait; zero otherwise
   * @param reason one line for the log and, for BLOCK, the journal
   */
  public record Verdict(Outcome outcome, Duration waitAtMost, String reason) {}

  public RpoGate {
    Objects.requireNonNull(maxDataLoss, "maxDataLoss");
    Objects.requireNonNull(drainWait, "drainWait");
  }

  /**
   * @param channel the replication channel behind the promotion, for the reason
   * @param rpo its current RPO; empty (unknown) never proceeds, since safety cannot be shown
   * @param waited how long this gate has waited already
   * @param rtoBudgetLeft what the RTO objective leaves for waiting; with no objective, pass
   *     {@code drainWait}
   */
  public Verdict decide(String channel, Optional<Duration> rpo, Duration waited,
      Duration rtoBudgetLeft) {
    String rpoText = channel + " RPO " + rpo.map(Texts::duration).orElse("unknown");
    if (rpo.isPresent() && rpo.get().compareTo(maxDataLoss) <= 0) {
      return new Verdict(Outcome.PROCEED, Duration.ZERO,
          rpoText + " <= maxDataLoss " + Texts.duration(maxDataLoss));
    }
    String above = rpo.isPresent() ? rpoText + " > maxDataLoss " + Texts.duration(maxDataLoss)
        : rpoText + ", maxDataLoss " + Texts.duration(maxDataLoss);
    Duration drainLeft = drainWait.minus(waited);
    Duration left = drainLeft.compareTo(rtoBudgetLeft) <= 0 ? drainLeft : rtoBudgetLeft;
    if (left.compareTo(Duration.ZERO) > 0) {
      return new Verdict(Outcome.WAIT, left, above + ": waiting up to " + Texts.duration(left)
          + " more for catch-up (waited " + Texts.duration(waited) + ")");
    }
    String spent = drainLeft.compareTo(Duration.ZERO) <= 0
        ? "drainWait " + Texts.duration(drainWait) + " spent"
        : "RTO budget spent";
    return new Verdict(Outcome.BLOCK, Duration.ZERO, above + " after waiting "
        + Texts.duration(waited) + " (" + spent + "); promotion needs acceptDataLoss");
  }
}
