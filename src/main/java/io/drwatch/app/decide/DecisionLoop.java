package io.drwatch.app.decide;

import io.drwatch.app.detect.PeerReports;
import io.drwatch.app.detect.TargetLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.Majority;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.QuorumState;
import io.drwatch.domain.decide.QuorumView;
import io.drwatch.domain.decide.Shadow;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.decide.Tilt;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.Hearing;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.detect.ProbeTally;
import io.drwatch.domain.detect.ReplicationSignal;
import io.drwatch.domain.channel.CompositeRpo;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The detection half of the daemon: once per tick it gathers every signal family per target,
 * asks the quorum policy, and publishes one snapshot and one verdict line. It reads snapshots
 * only (channel statuses, suspicion, peer reports, health votes) and never waits on I/O.
 */
public final class DecisionLoop {
  private static final System.Logger VERDICTS = System.getLogger("io.drwatch.verdict");

  /** A detection target and the channels whose primary it is. */
  public record Target(TargetLoop loop, List<String> channels) {}

  private final Vertx vertx;
  private final String observer;
  private final int observers;
  private final List<Target> targets;
  private final QuorumPolicy policy;
  private final Tilt tilt;
  private final HealthEvents health;
  private final PeerReports peers;
  private final StatusBoard channels;
  private final DetectionBoard board;
  private final Duration tick;
  private final Clock wall;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Map<String, QuorumState> states = new HashMap<>();
  private long timerId = -1;
  private long deadlineTimer = -1;
  private boolean wakePending;
  private Supplier<List<String>> blockers = List::of;

  /**
   * @param observers N = 1 + configured peers, whoever answers
   * @param wall the wall clock: TILT compares it with {@code nanoTime}, and channel statuses are
   *     stamped on it
   * @param clock the detection time line ({@code MonotonicClock}) votes and reports are stamped on
   */
  // VisibleForTesting: the clocks and nanoTime are seams for virtual time.
  public DecisionLoop(Vertx vertx, String observer, int observers, List<Target> targets,
      QuorumPolicy policy, Tilt tilt, HealthEvents health, PeerReports peers, StatusBoard channels,
      DetectionBoard board, Duration tick, Clock wall, Clock clock, LongSupplier nanoTime) {
    this.vertx = vertx;
    this.observer = observer;
    this.observers = observers;
    this.targets = List.copyOf(targets);
    this.policy = policy;
    this.tilt = tilt;
    this.health = health;
    this.peers = peers;
    this.channels = channels;
    this.board = board;
    this.tick = tick;
    this.wall = wall;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  public void start() {
    targets.forEach(t -> t.loop().onTransition(this::wake));
    targets.forEach(t -> t.loop().start());
    if (peers != null) {
      peers.onChange(this::wake);
      peers.start();
    }
    timerId = vertx.setPeriodic(tick.toMillis(), tick.toMillis(), id -> tick());
  }

  public void stop() {
    if (timerId >= 0) {
      vertx.cancelTimer(timerId);
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
    }
    targets.forEach(t -> t.loop().stop());
    if (peers != null) {
      peers.stop();
    }
  }

  /**
   * What would stop a declared outage from becoming a failover right now (no runbook, a run
   * already active, cooldown, ...): shadow mode reports it, and only an unblocked outage acts.
   */
  public void blockedBy(Supplier<List<String>> blockers) {
    this.blockers = blockers;
  }

  /**
   * Runs a tick soon, on this context, instead of at the next period: a suspicion that flipped
   * should not wait up to a tick to count. Several wakes before it runs make one tick.
   */
  public void wake() {
    if (!wakePending) {
      wakePending = true;
      vertx.runOnContext(v -> {
        wakePending = false;
        tick();
      });
    }
  }

  /** This observer's reports, as served to peers; a tilted observer suspects nothing. */
  public List<ObserverReport> ownReports() {
    boolean tilted = tilt.status().tilted();
    return targets.stream().map(t -> t.loop().report())
        .map(r -> tilted ? r.tilted() : r).toList();
  }

  Detection tick() {
    Instant wallNow = wall.instant();
    TiltStatus tiltStatus = tilt.tick(wallNow, nanoTime.getAsLong(), tick);
    Instant now = clock.instant();
    // Channel statuses carry wall stamps: move them onto the time line by this tick's offset.
    Duration wallToLine = Duration.between(wallNow, now);
    List<ObserverReport> own = ownReports();
    List<ObserverReport> peerReports = peers == null ? List.of() : peers.reports();
    Majority majority = Hearing.of(observer, observers, peerReports, now);
    List<Decision> decisions = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      decisions.add(decide(targets.get(i), own.get(i), peerReports, now, wallToLine, tiltStatus,
          majority));
    }
    List<String> blocking = new ArrayList<>(blockers.get());
    if (!majority.in()) {
      blocking.add(0, "minority");
    }
    if (tiltStatus.tilted()) {
      blocking.add(0, "tilt");
    }
    Shadow shadow = Shadow.of(decisions, blocking, CompositeRpo.of(channels.channels()));
    String verdict = tiltStatus.tilted() ? tiltStatus.verdictLine() : line(decisions);
    Detection d = new Detection(observer, now, tiltStatus, majority, decisions, shadow, own,
        peerReports, verdict);
    board.publish(d);
    VERDICTS.log(Level.INFO, verdict);
    scheduleDeadline(decisions, now);
    return d;
  }

  // holdFor and clearAfter end between ticks; tick exactly then, so a declaration is not late
  // by up to one period.
  private void scheduleDeadline(List<Decision> decisions, Instant now) {
    Instant next = null;
    for (Decision d : decisions) {
      Instant due = d.state().declared()
          ? d.state().belowSince().map(t -> t.plus(policy.clearAfter())).orElse(null)
          : d.state().metSince().map(t -> t.plus(policy.holdFor())).orElse(null);
      if (due != null && due.isAfter(now) && (next == null || due.isBefore(next))) {
        next = due;
      }
    }
    if (deadlineTimer >= 0) {
      vertx.cancelTimer(deadlineTimer);
      deadlineTimer = -1;
    }
    if (next != null) {
      long ms = Math.max(1, Duration.between(now, next).toMillis() + 1);
      deadlineTimer = vertx.setTimer(ms, id -> {
        deadlineTimer = -1;
        tick();
      });
    }
  }

  private Decision decide(Target target, ObserverReport own, List<ObserverReport> peerReports,
      Instant now, Duration wallToLine, TiltStatus tiltStatus, Majority majority) {
    String name = own.target();
    List<FamilySignal> signals = new ArrayList<>();
    for (SignalFamily family : policy.require()) {
      signals.add(signal(family, target, own, peerReports, now, wallToLine));
    }
    QuorumView view = QuorumView.of(now, name, signals, tiltStatus, majority);
    Decision d = policy.evaluate(view, states.getOrDefault(name, QuorumState.initial()));
    states.put(name, d.state());
    return d;
  }

  private FamilySignal signal(SignalFamily family, Target target, ObserverReport own,
      List<ObserverReport> peerReports, Instant now, Duration wallToLine) {
    return switch (family) {
      case PROBES -> ProbeTally.of(own.target(), observers, own, peerReports, now).signal();
      case REPLICATION -> ReplicationSignal.of(channelsOf(target), own.suspected(), now,
          tick.multipliedBy(3).plus(maxInterval()), wallToLine);
      case AWS_HEALTH -> healthSignal(true, now);
      case CLOUDWATCH_ALARM -> healthSignal(false, now);
    };
  }

  private FamilySignal healthSignal(boolean aws, Instant now) {
    if (health == null) {
      return FamilySignal.none(aws ? SignalFamily.AWS_HEALTH : SignalFamily.CLOUDWATCH_ALARM);
    }
    synchronized (health) {
      return aws ? health.health(now) : health.alarms(now);
    }
  }

  private List<ChannelStatus> channelsOf(Target target) {
    return target.channels().stream().map(channels::channel).filter(Objects::nonNull).toList();
  }

  // A channel status is fresh for a few of its own intervals, however slow the decision tick.
  private Duration maxInterval() {
    return channels.channels().stream().map(s -> s.spec().interval())
        .max(Duration::compareTo).orElse(Duration.ZERO).multipliedBy(3);
  }

  private static String line(List<Decision> decisions) {
    if (decisions.isEmpty()) {
      return "no outage: no detection targets configured";
    }
    return String.join(" | ", decisions.stream().map(Decision::verdict).toList());
  }
}
