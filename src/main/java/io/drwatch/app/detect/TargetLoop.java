package io.drwatch.app.detect;

import io.drwatch.app.support.Bounded;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.detect.ProbeFailure;
import io.drwatch.domain.detect.SuspicionTracker;
import io.drwatch.port.TargetProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Probes one detection target from this observer on its own timer and keeps its suspicion
 * (SDOWN). Like the channel probe loop, a check still running when the timer fires makes that
 * tick a skip, never an overlap.
 */
public final class TargetLoop {
  private static final System.Logger VERDICTS = System.getLogger("io.drwatch.verdict");

  private final Vertx vertx;
  private final TargetProbe probe;
  private final SuspicionTracker tracker;
  private final Duration interval;
  private final Duration timeout;
  private final Duration reportFreshFor;
  private final Clock clock;
  private long timerId = -1;
  private boolean inFlight;
  private long checks;
  private Runnable onTransition = () -> { };

  /**
   * @param reportFreshFor how long a report counts ({@code DetectionSettings.reportFreshFor}): a
   *     silent prober must not keep voting
   * @param clock the detection time line the tracker's reports are stamped on
   */
  public TargetLoop(Vertx vertx, TargetProbe probe, SuspicionTracker tracker, Duration interval,
      Duration timeout, Duration reportFreshFor, Clock clock) {
    this.vertx = vertx;
    this.probe = probe;
    this.tracker = tracker;
    this.interval = interval;
    this.timeout = timeout;
    this.reportFreshFor = reportFreshFor;
    this.clock = clock;
  }

  /** Called on the loop's context when suspicion flips, so the decision need not wait a tick. */
  public void onTransition(Runnable listener) {
    this.onTransition = listener;
  }

  public void start() {
    timerId = vertx.setPeriodic(0, interval.toMillis(), id -> check());
  }

  public Future<Void> stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    return probe.close();
  }

  public String target() {
    return tracker.target();
  }

  public boolean suspected() {
    return tracker.suspected();
  }

  /** Checks completed so far, whatever their outcome. */
  public long checks() {
    return checks;
  }

  public ObserverReport report() {
    return tracker.report(reportFreshFor);
  }

  Future<Void> check() {
    if (inFlight) {
      return Future.succeededFuture();
    }
    inFlight = true;
    return Bounded.call(probe::check, timeout)
        .transform(ar -> {
          checks++;
          var transition = ar.succeeded()
              ? tracker.success(clock.instant())
              : failure(ar.cause());
          inFlight = false;
          transition.ifPresent(t -> {
            VERDICTS.log(Level.INFO, t.verdictLine());
            onTransition.run();
          });
          return Future.<Void>succeededFuture();
        });
  }

  // The kind is a code for the RPO gate (refused = nothing listens); the text is for people.
  private Optional<SuspicionTracker.Transition> failure(Throwable cause) {
    ProbeFailure kind = ProbeFailure.of(cause);
    String text = kind == ProbeFailure.TIMEOUT
        ? "timed out after " + Texts.duration(timeout) : Failures.line(cause);
    return tracker.failure(clock.instant(), kind, text);
  }
}
