package io.drwatch.config;

import io.drwatch.domain.ConfigNamed;
import io.drwatch.domain.Require;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The failover pipeline ({@code runbook}). Without this section drwatch only detects, in shadow
 * mode, and never acts.
 *
 * <p>The loader checks each step on its own and that {@code after} names other steps; cycles,
 * fence ordering and whether an action exists are the domain's checks ({@code Runbook.of}).
 *
 * @param mode whether a declared outage runs the pipeline or waits for an approve; default {@link
 *     Mode#APPROVAL}, so drwatch never acts by default
 * @param maxDataLoss the RPO gate: the most data loss a promotion may cause without an explicit
 *     acceptance, default 0s, at least 0
 * @param drainWait how long the gate waits for a replica to catch up, default 60s, at least 0
 * @param cooldown automatic runs are blocked for this long after a run ends, default 30m, at least
 *     0
 * @param resumeWithin a run still RUNNING at a restart resumes on its own if it started less than
 *     this long ago; an older one resumes only while the outage is still declared. Default 10m,
 *     greater than 0
 * @param approvalTimeout how long a run waits for an approval before it ends {@code expired},
 *     default 30m, greater than 0
 * @param token the operator's bearer token: failover (execute, drill), approve (and accept data
 *     loss), cancel and re-arm; {@code token} or {@code tokenFile}, required, so never empty once
 *     loaded, and no other role's token
 * @param steps the steps in config order; not empty, ids unique
 * @param reprotect {@code runbook.reprotect}: the steps that build a new replica after a failover,
 *     started only by an operator; empty when not configured
 * @param switchover {@code runbook.switchover}: a planned, zero-loss change of primary, started only
 *     by an operator; empty when not configured
 */
public record RunbookConfig(
    Mode mode,
    Duration maxDataLoss,
    Duration drainWait,
    Duration cooldown,
    Duration resumeWithin,
    Duration approvalTimeout,
    Optional<Secret> token,
    List<StepConfig> steps,
    Optional<Section> reprotect,
    Optional<Section> switchover) {

  /**
   * An operator-only runbook under {@code runbook}: same step format, token, journal and lease.
   *
   * @param drainWait how long the switchover gate waits for proof of RPO 0, default 60s; unused by
   *     reprotect
   * @param steps in config order; not empty, ids unique within the section
   */
  public record Section(Duration drainWait, List<StepConfig> steps) {
    public Section {
      Objects.requireNonNull(drainWait, "drainWait");
      steps = List.copyOf(steps);
    }
  }

  /** Without the operator-only sections. */
  public RunbookConfig(Mode mode, Duration maxDataLoss, Duration drainWait, Duration cooldown,
      Duration resumeWithin, Duration approvalTimeout, Optional<Secret> token, List<StepConfig> steps) {
    this(mode, maxDataLoss, drainWait, cooldown, resumeWithin, approvalTimeout, token, steps,
        Optional.empty(), Optional.empty());
  }

  /** Whether a declared outage starts the pipeline by itself. The config name is the spelling. */
  public enum Mode implements ConfigNamed {
    /** A declared outage runs the pipeline. */
    AUTO,
    /** A declared outage creates a run that waits for an authenticated approve. */
    APPROVAL;

    @Override
    public String toString() {
      return configName();
    }
  }

  public RunbookConfig {
    Require.nonNull("mode", mode, "maxDataLoss", maxDataLoss, "drainWait", drainWait, "cooldown", cooldown,
        "resumeWithin", resumeWithin, "approvalTimeout", approvalTimeout, "token", token, "reprotect", reprotect,
        "switchover", switchover);
    steps = List.copyOf(steps);
  }
}
