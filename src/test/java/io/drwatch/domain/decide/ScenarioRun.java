package io.drwatch.domain.decide;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelSpec;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.domain.decide.Scenario.Action;
import io.drwatch.domain.detect.HealthEvents;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.detect.SuspicionTracker;
import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.round.DetectionRound;
import io.drwatch.domain.round.RoundInputs;
import io.drwatch.domain.round.RoundResult;
import io.drwatch.domain.round.RoundState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replays a {@link Scenario} on virtual time in 100 ms steps and returns the lines an operator
 * would read. At each instant: the timeline's actions, then probe rounds, then channel rounds,
 * then the decision tick, which is {@link DetectionRound#evaluate} itself, fed as the decision
 * loop feeds it.
 */
final class ScenarioRun {
  /** One decision tick's result, at a virtual time. */
  record Round(Duration at, RoundResult result) {}

  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Duration STEP = Duration.ofMillis(100);

  private final Scenario s;
  private final String self;
  private final List<String> out = new ArrayList<>();
  private final Map<String, SuspicionTracker> trackers = new HashMap<>();
  private final Map<String, ScenarioProbe> probes = new HashMap<>();
  private final Map<String, ObserverReport> heard = new HashMap<>();
  private final Set<String> partitioned = new HashSet<>();
  private final Map<String, Action> channelState = new HashMap<>();
  private final Map<String, ChannelStatus> statuses = new HashMap<>();
  private final List<Round> rounds = new ArrayList<>();
  private RoundState state = RoundState.initial();
  private final HealthEvents events;
  private final Tilt tilt = Tilt.withDefaults();
  private Duration now = Duration.ZERO;
  private Duration wallOffset = Duration.ZERO;
  private Duration stallFrom = Duration.ZERO;
  private Duration stallUntil = Duration.ZERO;
  private String lastShadow = "";

  ScenarioRun(Scenario s) {
    this.s = s;
    this.self = s.observers().get(0);
    this.events = new HealthEvents(s.events());
    for (String o : s.observers()) {
      for (Scenario.Target t : s.targets()) {
        trackers.put(o + "/" + t.name(), new SuspicionTracker(
            t.name(), o, t.failuresToSuspect(), t.successesToClear(), T0));
        probes.put(o + "/" + t.name(), new ScenarioProbe());
      }
    }
    s.channels().values().forEach(c -> statuses.put(c.name(), ChannelStatus.initial(c, T0)));
  }

  /** Every decision tick so far, oldest first. */
  List<Round> rounds() {
    return List.copyOf(rounds);
  }

  List<String> run() {
    for (now = Duration.ZERO; now.compareTo(s.end()) <= 0; now = now.plus(STEP)) {
      for (Action a : s.actions()) {
        if (a.at().equals(now)) {
          apply(a);
        }
      }
      boolean stalled = now.compareTo(stallFrom) > 0 && now.compareTo(stallUntil) < 0;
      for (Scenario.Target t : s.targets()) {
        for (String o : s.observers()) {
          if (due(t.interval()) && !(o.equals(self) && stalled)) {
            probe(o, t.name());
          }
        }
      }
      s.channels().values().stream().filter(c -> due(c.interval()) && !stalled)
          .forEach(this::channelRound);
      if (due(s.settings().tick()) && !stalled) {
        tick();
      }
    }
    return out;
  }

  private void tick() {
    Instant wall = wall(self);
    TiltStatus ts = tilt.tick(wall, now.toNanos(), s.settings().tick());
    if (ts.changed() && !ts.tilted()) {
      print(ts.verdictLine());
    }
    // As the decision loop does: votes on the time line, only TILT and channel stamps on the wall.
    Instant line = line();
    int n = s.observers().size();
    List<RoundInputs.Target> targets = new ArrayList<>();
    for (Scenario.Target t : s.targets()) {
      for (String p : s.observers().subList(1, n)) {
        if (!partitioned.contains(p)) {
          // PeerReports keeps the newer of two reports by seenAt.
          heard.merge(p + "/" + t.name(), received(t, p, line),
              (a, b) -> b.seenAt().isAfter(a.seenAt()) ? b : a);
        }
      }
      targets.add(new RoundInputs.Target(report(t, self),
          t.channels().stream().map(statuses::get).toList()));
    }
    RoundResult r = DetectionRound.evaluate(new RoundInputs(line, wall, self, n, targets,
        List.copyOf(heard.values()), List.copyOf(statuses.values()), events.health(line),
        events.alarms(line), ts, s.blockers(), s.settings()), state);
    state = r.next();
    rounds.add(new Round(now, r));
    print(r.verdict());
    if (!r.shadow().line().equals(lastShadow)) {
      lastShadow = r.shadow().line();
      print("shadow: " + r.shadow().line());
    }
  }

  /** One observer's report on a target, fresh for as long as the daemon's rule says. */
  private ObserverReport report(Scenario.Target t, String observer) {
    return trackers.get(observer + "/" + t.name())
        .report(s.settings().reportFreshFor(t.interval(), t.timeout()));
  }

  /**
   * A peer's report as the HTTP poll delivers it ({@code HttpVoteExchange}): its age, re-based on
   * our time line, fresh for our {@code peerFreshFor}.
   */
  private ObserverReport received(Scenario.Target t, String peer, Instant ourLine) {
    ObserverReport r = report(t, peer);
    Duration age = Duration.between(r.seenAt(), line());
    return new ObserverReport(r.observer(), r.target(), r.suspected(), ourLine.minus(age),
        s.settings().peerFreshFor(), r.detail());
  }

  private void probe(String observer, String target) {
    ScenarioProbe p = probes.get(observer + "/" + target);
    boolean ok = p.next();
    SuspicionTracker tracker = trackers.get(observer + "/" + target);
    Instant at = line();
    (ok ? tracker.success(at) : tracker.failure(at, p.reason()))
        .ifPresent(tr -> print(tr.verdictLine()));
  }

  private void channelRound(ChannelSpec c) {
    Action a = channelState.get(c.name());
    if (a == null) {
      return;
    }
    Map<String, String> o = a.options();
    ChannelStatus before = statuses.get(c.name());
    statuses.put(c.name(), new ChannelStatus(c, ChannelCondition.valueOf(a.arg(1)),
        Optional.ofNullable(o.get("rpo")).map(Scenario::duration), c.interval(), Optional.empty(),
        LinkState.valueOf(o.getOrDefault("link", "up").toUpperCase(Locale.ROOT)), 0, 0,
        Optional.empty(), Optional.empty(), "set by the scenario at line " + a.line(), wall(self),
        Duration.ZERO, true, before.rounds() + 1, Optional.empty(), false, Optional.empty()));
  }

  private void apply(Action a) {
    switch (a.verb()) {
      case "probe" -> {
        List<String> who = a.arg(0).equals("*") ? s.observers() : List.of(a.arg(0));
        who.forEach(o -> probes.get(o + "/" + a.arg(1)).set(a.args().subList(2, a.args().size()), a.line()));
      }
      case "channel" -> {
        channelState.put(a.arg(0), a);
        channelRound(s.channels().get(a.arg(0)));
      }
      case "partition" -> partitioned.add(a.arg(0));
      case "heal" -> partitioned.remove(a.arg(0));
      case "clockjump" -> wallOffset = wallOffset.plus(Scenario.duration(a.arg(0)));
      case "stall" -> {
        stallFrom = now;
        stallUntil = now.plus(Scenario.duration(a.arg(0)));
      }
      // AWS stamps events with its own (true) time; our wall clock only measures their age.
      case "event" -> print("event " + a.options().get("id") + " " + events.accept(
          ScenarioEvents.envelope(a.options(), line(), s.events()), wall(self), line()));
      default -> throw new IllegalArgumentException("line " + a.line() + ": unknown " + a.verb());
    }
  }

  private boolean due(Duration period) {
    return now.toMillis() % period.toMillis() == 0;
  }

  /** The detection time line (monotonic): no clock jumps. */
  private Instant line() {
    return T0.plus(now);
  }

  /** Our wall clock carries the scenario's clock jumps; the peers' clocks do not. */
  private Instant wall(String observer) {
    Instant base = T0.plus(now);
    return observer.equals(self) ? base.plus(wallOffset) : base;
  }

  private void print(String line) {
    out.add(String.format(Locale.ROOT, "%6s  %s", Scenario.clock(now), line));
  }
}
