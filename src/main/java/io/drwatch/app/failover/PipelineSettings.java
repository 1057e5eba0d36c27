package io.drwatch.app.failover;

import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.Runbook;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the pipeline needs from the runbook config, already in domain terms.
 *
 * @param params per step id, the action parameters of a real run
 * @param drillParams per step id, the complete parameters of a drill, never merged with {@code
 *     params}; a step without an entry is not run in drills
 * @param channels per promote step id, the channel whose RPO the gate checks
 * @param automatic true in auto mode; false means every run waits for an approval
 * @param detection the projected detection time, the first term of the RTO
 * @param resumeWithin a run still running at a restart resumes on its own if younger than this;
 *     an older one only while the outage is still declared. Greater than 0
 * @param approvalTimeout how long an approval wait lasts before the run ends expired; greater
 *     than 0
 * @param operatorRunbooks the configured operator-only runbooks, by mode (REPROTECT, SWITCHOVER)
 */
public record PipelineSettings(
    Runbook runbook,
    Map<String, Map<String, String>> params,
    Map<String, Map<String, String>> drillParams,
    Map<String, String> channels,
    RpoGate gate,
    boolean automatic,
    Duration cooldown,
    Duration rtoObjective,
    Duration detection,
    Duration resumeWithin,
    Duration approvalTimeout,
    Map<RunMode, ModeRunbook> operatorRunbooks) {

  /** Without operator-only runbooks. */
  public PipelineSettings(Runbook runbook, Map<String, Map<String, String>> params,
      Map<String, Map<String, String>> drillParams, Map<String, String> channels, RpoGate gate,
      boolean automatic, Duration cooldown, Duration rtoObjective, Duration detection,
      Duration resumeWithin, Duration approvalTimeout) {
    this(runbook, params, drillParams, channels, gate, automatic, cooldown, rtoObjective, detection,
        resumeWithin, approvalTimeout, Map.of());
  }

  public PipelineSettings {
    params = Map.copyOf(params);
    drillParams = Map.copyOf(drillParams);
    channels = Map.copyOf(channels);
    positive(resumeWithin, "resumeWithin");
    positive(approvalTimeout, "approvalTimeout");
    operatorRunbooks = Map.copyOf(operatorRunbooks);
  }

  /** The operator-only runbook of {@code mode}; empty for execute and drill, or when not configured. */
  public Optional<ModeRunbook> operatorRunbook(RunMode mode) {
    return Optional.ofNullable(operatorRunbooks.get(mode));
  }

  /** The runbook a run in {@code mode} executes; IllegalStateException if its section is missing. */
  public Runbook runbook(RunMode mode) {
    return mode.operatorOnly() ? section(mode).runbook() : runbook;
  }

  /** Per step id, the channel each step of {@code mode}'s runbook names. */
  public Map<String, String> channels(RunMode mode) {
    return mode.operatorOnly() ? section(mode).channels() : channels;
  }

  /** The parameters of {@code step} of {@code mode}'s runbook in a real run; empty if none. */
  public Map<String, String> params(RunMode mode, String step) {
    return mode.operatorOnly() ? section(mode).params().getOrDefault(step, Map.of()) : params(step);
  }

  private ModeRunbook section(RunMode mode) {
    return operatorRunbook(mode).orElseThrow(() -> new IllegalStateException(
        "no runbook." + mode.word() + " configured"));
  }

  /** The parameters of {@code step} in a real run; empty if it has none. */
  public Map<String, String> params(String step) {
    return params.getOrDefault(step, Map.of());
  }

  /** The parameters of {@code step} in a drill; empty when a drill does not run the step. */
  public Optional<Map<String, String>> drillParams(String step) {
    return Optional.ofNullable(drillParams.get(step));
  }

  private static void positive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be > 0, was " + d);
    }
  }
}
