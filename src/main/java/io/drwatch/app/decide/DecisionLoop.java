package io.drwatch.app.decide;

import io.drwatch.app.detect.PeerReports;
import io.drwatch.app.detect.TargetLoop;
import io.drwatch.app.status.StatusBoard;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.Tilt;
import io.drwatch.domain.decide.TiltStatus;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.detect.PeerUrgency;
import io.drwatch.domain.detect.ReplicationSignal;
import io.drwatch.domain.round.DetectionRound;
import io.drwatch.domain.round.DetectionSettings;
import io.drwatch.domain.round.QuietVerdicts;
import io.drwatch.domain.round.RoundInputs;
import io.drwatch.domain.round.RoundResult;
import io.drwatch.domain.round.RoundState;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The detection half of the daemon, as timers and I/O around the pure {@link DetectionRound}:
 * once per tick (and when a suspicion flips, a mapped replica loses or regains its upstream, or a
 * hold ends) it reads the snapshots (channel statuses, suspicion, peer reports, health votes), runs
 * the round, and publishes one snapshot and one verdict line. While a round waits on a peer's word
 * it has the peers asked at a faster cadence ({@link PeerUrgency}). It never waits on I/O.
 */
public final class DecisionLoop {
  private static final System.Logger VERDICTS = System.getLogger("io.drwatch.verdict");

  /** A detection target and the channels whose primary it is. */
  public record Target(TargetLoop loop, List<String> channels) {}

  private final Vertx vertx;
  private final String observer;
  private final int observers;
  private final List<Target> targets;
  private final DetectionSettings settings;
  private final Tilt tilt;
  private final HealthEvents health;
  private final PeerReports peers;
  private final StatusBoard channels;
  private final DetectionBoard board;
  private final Clock wall;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private RoundState state = RoundState.initial();
  private long timerId = -1;
  private long deadlineTimer = -1;
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final Set<String> mapped;
  private final Map<String, Boolean> lostUpstream = new ConcurrentHashMap<>();
  private Context context;
  private volatile boolean running;
  private Supplier<List<String>> blockers = List::of;
  private QuietVerdicts verdicts = new QuietVerdicts(Duration.ofMinutes(5));

  /**
   * @param observers N = 1 + configured peers, whoever answers
   * @param wall the wall clock: TILT compares it with {@code nanoTime}, and channel statuses are
   *     stamped on it
   * @param clock the detection time line ({@code MonotonicClock}) votes and reports are stamped on
   */
  // VisibleForTesting: the clocks and nanoTime are seams for virtual time.
  public DecisionLoop(Vertx vertx, String observer, int observers, List<Target> targets,
      DetectionSettings settings, Tilt tilt, HealthEvents health, PeerReports peers,
      StatusBoard channels, DetectionBoard board, Clock wall, Clock clock, LongSupplier nanoTime) {
    this.vertx = vertx;
    this.observer = observer;
    this.observers = observers;
    this.targets = List.copyOf(targets);
    this.settings = settings;
    this.tilt = tilt;
    this.health = health;
    this.peers = peers;
    this.channels = channels;
    this.board = board;
    this.wall = wall;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.mapped = Set.copyOf(this.targets.stream().flatMap(t -> t.channels().stream()).toList());
  }

  public void start() {
    context = vertx.getOrCreateContext();
    running = true;
    targets.forEach(t -> t.loop().onTransition(this::wake));
    // The replication family stands the moment a replica reports its link down; waiting for the
    // next tick would cost up to a whole one (the largest leg of kill -> declared, measured).
    channels.onUpdate(this::channelUpdated);
    targets.forEach(t -> t.loop().start());
    if (peers != null) {
      peers.onChange(this::wake);
      peers.start();
    }
    long ms = settings.tick().toMillis();
    timerId = vertx.setPeriodic(ms, ms, id -> tick());
  }

  public void stop() {
    running = false;
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
    if (running && wakePending.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        wakePending.set(false);
        if (running) {
          tick();
        }
      });
    }
  }

  // On the probe loop's thread, for every round of every channel: a set lookup unless a mapped
  // replica's link flipped.
  private void channelUpdated(ChannelStatus s) {
    if (!mapped.contains(s.name())) {
      return;
    }
    boolean lost = ReplicationSignal.lostUpstream(s);
    Boolean before = lostUpstream.put(s.name(), lost);
    if ((before != null && before) != lost) {
      wake();
    }
  }

  /**
   * Verdict lines are logged when a phase or a family's words change, and once per
   * {@code interval} while nothing does (0: every round). Call before {@link #start}.
   */
  public void quietInterval(Duration interval) {
    this.verdicts = new QuietVerdicts(interval);
  }

  /** This observer's reports, as served to peers; a tilted observer suspects nothing. */
  public List<ObserverReport> ownReports() {
    boolean tilted = tilt.status().tilted();
    return targets.stream().map(t -> t.loop().report())
        .map(r -> tilted ? r.tilted() : r).toList();
  }

  Detection tick() {
    Instant wallNow = wall.instant();
    TiltStatus tiltStatus = tilt.tick(wallNow, nanoTime.getAsLong(), settings.tick());
    Instant now = clock.instant();
    List<ObserverReport> peerReports = peers == null ? List.of() : peers.reports();
    List<RoundInputs.Target> inputs = targets.stream()
        .map(t -> new RoundInputs.Target(t.loop().report(), channelsOf(t))).toList();
    FamilySignal healthSignal = null;
    FamilySignal alarmSignal = null;
    if (health != null) {
      synchronized (health) {
        healthSignal = health.health(now);
        alarmSignal = health.alarms(now);
      }
    }
    RoundResult r = DetectionRound.evaluate(new RoundInputs(now, wallNow, observer, observers,
        inputs, peerReports, List.copyOf(channels.channels()), healthSignal, alarmSignal,
        tiltStatus, blockers.get(), settings), state);
    state = r.next();
    Detection d = new Detection(observer, now, tiltStatus, r.majority(), r.decisions(),
        r.shadow(), r.own(), peerReports, r.verdict(), r.trigger());
    board.publish(d);
    verdicts.offer(r).ifPresent(line -> VERDICTS.log(Level.INFO, line));
    scheduleDeadline(r.deadline().orElse(null), now);
    if (peers != null && running) {
      peers.prompt(PeerUrgency.awaited(observers, r.own(), peerReports, r.decisions(), now));
    }
    return d;
  }

  // holdFor and clearAfter end between ticks; tick exactly then, so a declaration is not late
  // by up to one period.
  private void scheduleDeadline(Instant next, Instant now) {
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

  private List<ChannelStatus> channelsOf(Target target) {
    return target.channels().stream().map(channels::channel).filter(Objects::nonNull).toList();
  }
}
