package io.drwatch.domain.round;

import io.drwatch.domain.channel.CompositeRpo;
import io.drwatch.domain.decide.Decision;
import io.drwatch.domain.decide.FamilySignal;
import io.drwatch.domain.decide.Majority;
import io.drwatch.domain.decide.QuorumPolicy;
import io.drwatch.domain.decide.QuorumState;
import io.drwatch.domain.decide.QuorumView;
import io.drwatch.domain.decide.Shadow;
import io.drwatch.domain.decide.SignalFamily;
import io.drwatch.domain.detect.Hearing;
import io.drwatch.domain.detect.ObserverReport;
import io.drwatch.domain.detect.ProbeTally;
import io.drwatch.domain.detect.ReplicationSignal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One detection round, as a pure function: the signal of every required family per target, the
 * quorum decision, shadow mode, the verdict line, when to run the next round early, and whether a
 * run should start. The decision loop feeds it snapshots on a timer; the golden scenarios feed it
 * on virtual time. Neither re-implements any of it.
 */
public final class DetectionRound {
  private DetectionRound() {}

  public static RoundResult evaluate(RoundInputs in, RoundState state) {
    Instant now = in.line();
    boolean tilted = in.tilt().tilted();
    // A tilted observer is present (it is alive) but suspects nothing, for us and for the peers.
    List<ObserverReport> own = in.targets().stream().map(RoundInputs.Target::own)
        .map(r -> tilted ? r.tilted() : r).toList();
    Majority majority = Hearing.of(in.observer(), in.observers(), in.peers(), now);
    // Channel statuses carry wall stamps: move them onto the time line by this round's offset.
    Duration wallToLine = Duration.between(in.wall(), now);
    Duration channelFreshFor = in.settings().channelFreshFor(in.channels());
    QuorumPolicy policy = in.settings().policy();
    List<Decision> decisions = new ArrayList<>();
    List<String> shapes = new ArrayList<>();
    Map<String, QuorumState> next = new HashMap<>(state.quorum());
    for (int i = 0; i < own.size(); i++) {
      ObserverReport report = own.get(i);
      RoundInputs.Target target = in.targets().get(i);
      Optional<Decision> over = FailedOver.decide(now, target, state.of(report.target()), policy);
      if (over.isPresent()) {
        next.put(report.target(), over.get().state());
        decisions.add(over.get());
        shapes.add(over.get().verdict());
        continue;
      }
      List<FamilySignal> signals = new ArrayList<>();
      for (SignalFamily family : policy.require()) {
        signals.add(switch (family) {
          case PROBES -> ProbeTally.of(report.target(), in.observers(), report, in.peers(), now)
              .signal();
          case REPLICATION -> ReplicationSignal.of(target.channels(), report.suspected(), now,
              channelFreshFor, wallToLine);
          case AWS_HEALTH -> in.health();
          case CLOUDWATCH_ALARM -> in.alarms();
        });
      }
      QuorumView view = QuorumView.of(now, report.target(), signals, in.tilt(), majority);
      Decision d = policy.evaluate(view, state.of(report.target()));
      next.put(report.target(), d.state());
      decisions.add(d);
      shapes.add(report.target() + " " + d.phase() + ": "
          + String.join(", ", signals.stream().map(FamilySignal::verdictPart).toList()));
    }
    List<String> blockers = new ArrayList<>(in.blockers());
    if (!majority.in()) {
      blockers.add(0, "minority");
    }
    if (tilted) {
      blockers.add(0, "tilt");
    }
    Shadow shadow = Shadow.of(decisions, blockers, CompositeRpo.of(in.channels()));
    String verdict = tilted ? in.tilt().verdictLine() : line(decisions);
    TriggerIntent trigger = new TriggerIntent(Decision.anyDeclared(decisions), majority.in(),
        tilted, shadow.declaredTargets(), List.of(verdict, shadow.line()));
    String shape = tilted ? "TILT " + in.tilt().reason() : String.join(" | ", shapes);
    return new RoundResult(now, decisions, new RoundState(next),
        deadline(decisions, policy, now), majority, own, blockers, shadow, verdict, shape, trigger);
  }

  /** When the earliest running holdFor or clearAfter ends, strictly after now. */
  static Optional<Instant> deadline(List<Decision> decisions, QuorumPolicy policy, Instant now) {
    Instant next = null;
    for (Decision d : decisions) {
      Instant due = d.state().declared()
          ? d.state().belowSince().map(t -> t.plus(policy.clearAfter())).orElse(null)
          : d.state().metSince().map(t -> t.plus(policy.holdFor())).orElse(null);
      if (due != null && due.isAfter(now) && (next == null || due.isBefore(next))) {
        next = due;
      }
    }
    return Optional.ofNullable(next);
  }

  private static String line(List<Decision> decisions) {
    if (decisions.isEmpty()) {
      return "no outage: no detection targets configured";
    }
    return String.join(" | ", decisions.stream().map(Decision::verdict).toList());
  }
}
