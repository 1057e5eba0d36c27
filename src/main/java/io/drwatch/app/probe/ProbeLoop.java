package io.drwatch.app.probe;

import io.drwatch.app.status.StatusBoard;
import io.drwatch.app.support.SlotTimer;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.Failures;
import io.drwatch.domain.Texts;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelTracker;
import io.drwatch.domain.channel.ChannelTracker.Transition;
import io.drwatch.domain.lag.Heartbeat;
import io.drwatch.domain.lag.LagSample;
import io.drwatch.domain.lag.Outcome;
import io.drwatch.domain.lag.ReplicaView;
import io.drwatch.port.ChannelProbe;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One periodic tick per channel, on its context's {@link SlotTimer}. A round reads the replica,
 * then writes the next heartbeat, each call bounded by the channel's timeout. A round still
 * running when the next tick comes makes that tick a skip, never an overlap: overlapping rounds
 * would reorder heartbeats.
 */
public final class ProbeLoop {
  private static final System.Logger VERDICTS = System.getLogger("io.drwatch.verdict");
  private static final System.Logger LOG = System.getLogger(ProbeLoop.class.getName());
  private static final long SLOT_MILLIS = 10;

  private final Vertx vertx;
  private final ChannelSpec spec;
  private final ChannelProbe probe;
  private final ChannelTracker tracker;
  private final StatusBoard board;
  private final Duration timeout;
  private final String timedOut;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private SlotTimer timers;
  private SlotTimer.Ticket ticket;
  private boolean inFlight;
  private boolean stopped;
  private long skipped;
  private LongConsumer jitter = nanos -> { };
  private long lastFired = -1;

  // VisibleForTesting: clock and nanoTime are seams for virtual time.
  ProbeLoop(Vertx vertx, ChannelSpec spec, ChannelProbe probe, StatusBoard board,
      Duration timeout, Clock clock, LongSupplier nanoTime) {
    this.vertx = vertx;
    this.spec = spec;
    this.probe = probe;
    this.board = board;
    this.timeout = timeout;
    this.timedOut = "timed out after " + Texts.duration(timeout); // worded once: thousands of channels may time out together
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.tracker = new ChannelTracker(spec, clock.instant());
  }

  public static ProbeLoop create(Vertx vertx, ChannelSpec spec, ChannelProbe probe,
      StatusBoard board, Duration timeout) {
    return new ProbeLoop(vertx, spec, probe, board, timeout, Clock.systemUTC(), System::nanoTime);
  }

  /**
   * Starts the timer on the caller's context. The first round runs within the first interval
   * (at most 1 s), at an offset drawn from the channel's name: thousands of channels started
   * together would otherwise fire in phase, every round a burst.
   */
  public void start() {
    long period = spec.interval().toMillis();
    ticket = timers().every(firstDelay(spec.name(), period), period, this::fired);
  }

  private SlotTimer timers() {
    if (timers == null) {
      timers = SlotTimer.of(vertx);
    }
    return timers;
  }

  /**
   * Where the first tick of channel {@code name} falls, in [0, min(period, 1 s)) ms, on a 10 ms
   * grid, the slot timer's: a hundred slots a second, so 10,000 channels run as a hundred batches
   * a second.
   */
  static long firstDelay(String name, long periodMillis) {
    long spread = Math.max(1, Math.min(periodMillis, 1000));
    long offset = Integer.toUnsignedLong(name.hashCode() * 0x9E3779B1) % spread;
    return spread >= 100 ? offset - offset % SLOT_MILLIS : offset;
  }

  /** Receives each tick's jitter: how far, in ns, the gap since the previous tick missed the interval. */
  public void reportJitter(LongConsumer sink) {
    this.jitter = sink;
  }

  private void fired() {
    long now = nanoTime.getAsLong();
    if (lastFired >= 0) {
      jitter.accept(Math.abs(now - lastFired - spec.interval().toNanos()));
    }
    lastFired = now;
    tick();
  }

  public Future<Void> stop() {
    stopped = true;
    if (ticket != null) {
      ticket.cancel();
    }
    return probe.close();
  }

  /** Ticks skipped because the previous round was still running. */
  public long skippedTicks() {
    return skipped;
  }

  /** Runs one round unless one is in flight; completes when the round's status is published. */
  Future<Void> tick() {
    if (inFlight) {
      skipped++;
      if (LOG.isLoggable(Level.DEBUG)) { // an overloaded daemon skips thousands a second
        LOG.log(Level.DEBUG, "{0}: previous probe round still running, tick skipped", spec.name());
      }
      return Future.succeededFuture();
    }
    inFlight = true;
    long started = nanoTime.getAsLong();
    return bounded(probe::readReplica)
        .compose(replica -> bounded(probe::writeHeartbeat).map(primary -> sample(replica, primary, started)))
        .map(this::publish)
        .onFailure(err -> LOG.log(Level.ERROR, spec.name() + ": probe round failed", err))
        .eventually(() -> {
          inFlight = false;
          return Future.succeededFuture();
        });
  }

  private LagSample sample(Outcome<ReplicaView> replica, Outcome<Heartbeat> primary, long started) {
    Duration took = Duration.ofNanos(nanoTime.getAsLong() - started);
    return new LagSample(clock.instant(), replica, primary, took);
  }

  private Void publish(LagSample sample) {
    if (stopped) {
      return null; // a round that outlived stop() speaks for a probe that is gone (e.g. reversed)
    }
    Transition t = tracker.accept(sample);
    board.update(t.status());
    // A failed-over channel's probe still reads the former primary: its changes are history.
    t.change().filter(c -> !board.unprotected(c.channel())).ifPresent(change -> {
      board.record(change);
      VERDICTS.log(Level.INFO, change.verdictLine());
    });
    return null;
  }

  private <T> Future<Outcome<T>> bounded(Supplier<Future<T>> call) {
    return timers().bound(call, timeout)
        .map(Outcome::ok)
        .otherwise(err -> {
          FailureCode code = CodedFailure.codeOf(err);
          board.probeError(spec.name(), code);
          // Only our own bound is worded here; a coded failure already says what timed out.
          return Outcome.failed(Failures.isTimeout(err) ? timedOut : Failures.line(err));
        });
  }
}
