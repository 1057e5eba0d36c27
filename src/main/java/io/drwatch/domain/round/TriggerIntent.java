package io.drwatch.domain.round;

import java.util.List;

/**
 * What detection asks of the failover pipeline after a round: a run should start if nothing
 * blocks it. The pipeline judges its own blockers (run active, cooldown, latch, lease) when it
 * acts; re-evaluated every round, so a trigger refused by the cooldown is not lost for the rest
 * of the outage.
 *
 * @param declared an outage is declared for some target
 * @param inMajority this observer hears a strict majority of the configured observers
 * @param tilted this observer distrusts itself (TILT)
 * @param targets the targets with a declared outage
 * @param evidence the lines a run's trigger records: the verdict and the shadow line
 */
public record TriggerIntent(
    boolean declared, boolean inMajority, boolean tilted, List<String> targets,
    List<String> evidence) {
  public TriggerIntent {
    targets = List.copyOf(targets);
    evidence = List.copyOf(evidence);
  }

  /** Declared, in the majority and not tilted: a run should start if nothing blocks. */
  public boolean start() {
    return declared && inMajority && !tilted;
  }
}
