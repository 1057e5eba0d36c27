package io.drwatch.app.failover;

import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.Runbook;
import java.time.Duration;
import java.util.Map;

/**
 * Everything the pipeline needs from the runbook config, already in domain terms.
 *
 * @param params per step id, the action parameters of a real run
 * @param drillParams per step id, the parameters of a drill (the real ones overridden)
 * @param channels per promote step id, the channel whose RPO the gate checks
 * @param automatic true in auto mode; false means every run waits for an approval
 * @param detection the projected detection time, the first term of the RTO
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
    Duration approvalTimeout) {

  public PipelineSettings {
    params = Map.copyOf(params);
    drillParams = Map.copyOf(drillParams);
    channels = Map.copyOf(channels);
  }

  Map<String, String> paramsFor(String step, boolean drill) {
    Map<String, String> base = params.getOrDefault(step, Map.of());
    if (!drill) {
      return base;
    }
    Map<String, String> merged = new java.util.HashMap<>(base);
    merged.putAll(drillParams.getOrDefault(step, Map.of()));
    return merged;
  }
}
