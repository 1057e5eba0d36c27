package io.drwatch.domain.detect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One observer's suspicion of one target (Sentinel's SDOWN): suspected after
 * {@code failuresToSuspect} consecutive failed probes, cleared after {@code successesToClear}
 * consecutive good ones. The two thresholds are the hysteresis: a target that loses one probe in
 * three is never suspected, and a suspected target that answers once is not yet trusted.
 *
 * <p>Single owner: feed it from the target's probe loop only. Timeouts are failures.
 */
public final class SuspicionTracker {
  private final String target;
  private final String observer;
  private final int failuresToSuspect;
  private final int successesToClear;
  private boolean suspected;
  private int failures;
  private int successes;
  private int failuresThisSpell;
  private Instant lastProbeAt;
  private String lastError = "";
  private int refusedInARow;

  /** Suspicion flipped; log {@link #verdictLine()} and export {@code drwatch_target_suspected}. */
  public record Transition(
      String target, String observer, boolean suspected, String reason, Instant at) {
    /** {@code "obs-a: db-primary suspected: 3 consecutive failures, last: connection refused"}. */
    public String verdictLine() {
      return observer + ": " + target + (suspected ? " suspected: " : " cleared: ") + reason;
    }
  }

  public SuspicionTracker(
      String target, String observer, int failuresToSuspect, int successesToClear, Instant now) {
    this.target = Objects.requireNonNull(target, "target");
    this.observer = Objects.requireNonNull(observer, "observer");
    if (failuresToSuspect < 1 || successesToClear < 1) {
      throw new IllegalArgumentException("failuresToSuspect and successesToClear must be >= 1");
    }
    this.failuresToSuspect = failuresToSuspect;
    this.successesToClear = successesToClear;
    this.lastProbeAt = Objects.requireNonNull(now, "now");
  }

  /** A probe answered correctly at {@code at}. */
  public Optional<Transition> success(Instant at) {
    lastProbeAt = at;
    failures = 0;
    refusedInARow = 0;
    if (!suspected) {
      return Optional.empty();
    }
    successes++;
    if (successes < successesToClear) {
      return Optional.empty();
    }
    suspected = false;
    successes = 0;
    String reason = "%d consecutive successes after %d failures".formatted(
        successesToClear, failuresThisSpell);
    failuresThisSpell = 0;
    return Optional.of(new Transition(target, observer, false, reason, at));
  }

  /** A probe failed or timed out at {@code at}; {@code error} is the short reason. */
  public Optional<Transition> failure(Instant at, String error) {
    return failure(at, ProbeFailure.ERROR, error);
  }

  /**
   * A probe failed at {@code at}, for the given {@code kind}; {@code error} is the short reason.
   */
  public Optional<Transition> failure(Instant at, ProbeFailure kind, String error) {
    refusedInARow = kind == ProbeFailure.REFUSED ? refusedInARow + 1 : 0;
    lastProbeAt = at;
    lastError = error == null || error.isBlank() ? "unknown error" : error;
    successes = 0;
    if (suspected) {
      failuresThisSpell++;
      return Optional.empty();
    }
    failures++;
    if (failures < failuresToSuspect) {
      return Optional.empty();
    }
    suspected = true;
    failuresThisSpell = failures;
    failures = 0;
    String reason = "%d consecutive failures, last: %s".formatted(failuresToSuspect, lastError);
    return Optional.of(new Transition(target, observer, true, reason, at));
  }

  public boolean suspected() {
    return suspected;
  }

  /**
   * Suspected, and at least the last {@code failuresToSuspect} probes were all refused rather than
   * timing out or failing otherwise: the host answers and nothing listens, so the primary cannot
   * be taking writes. A recent streak, not the whole spell: the probe in flight when a primary
   * crashes sees a reset, and a primary that hung then died is now dead.
   */
  public boolean refusing() {
    return suspected && refusedInARow >= failuresToSuspect;
  }

  public String target() {
    return target;
  }

  public String observer() {
    return observer;
  }

  /**
   * This observer's opinion as published to peers ({@code /api/v1/votes}) and counted by
   * {@link ProbeTally}. While TILTed, publish {@link ObserverReport#tilted()} instead.
   *
   * @param freshFor how long peers may count the report after the last probe
   */
  public ObserverReport report(Duration freshFor) {
    String detail = suspected ? "suspected, last error: " + lastError : "not suspected";
    return new ObserverReport(observer, target, suspected, lastProbeAt, freshFor, detail,
        refusing());
  }
}
