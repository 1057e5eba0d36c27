package io.drwatch.bootstrap;

import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.RunbookConfig;
import io.drwatch.config.StepConfig;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RtoProjector;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Config to domain for the runbook; also the validation check-config runs. */
public final class RunbookMapping {
  private RunbookMapping() {}

  /** Cycles, unknown actions and the like, as {@code runbook.steps: ...} lines. */
  public static List<String> problems(DrwatchConfig config) {
    return config.runbook()
        .map(rb -> Runbook.problems(specs(rb), ActionKinds.NAMES).stream()
            .map(p -> p.startsWith("runbook") ? p : "runbook.steps: " + p).toList())
        .orElse(List.of());
  }

  static PipelineSettings settings(DrwatchConfig config, RunbookConfig rb) {
    Runbook runbook = Runbook.of(specs(rb), ActionKinds.NAMES);
    Map<String, Map<String, String>> params = new HashMap<>();
    Map<String, Map<String, String>> drill = new HashMap<>();
    Map<String, String> channels = new HashMap<>();
    for (StepConfig s : rb.steps()) {
      params.put(s.id(), s.params());
      s.drill().ifPresent(d -> drill.put(s.id(), d));
      s.channel().ifPresent(c -> channels.put(s.id(), c));
    }
    return new PipelineSettings(runbook, params, drill, channels,
        new RpoGate(rb.maxDataLoss(), rb.drainWait()), rb.mode() == RunbookConfig.Mode.AUTO,
        rb.cooldown(), config.objectives().rto(), detection(config), rb.resumeWithin(),
        rb.approvalTimeout());
  }

  /** The slowest target's detection: failuresToSuspect x interval + holdFor. */
  public static Duration detection(DrwatchConfig config) {
    Duration hold = config.detection().quorum().holdFor();
    return config.detection().targets().stream()
        .map(t -> RtoProjector.detectionTime(t.failuresToSuspect(), t.interval(), hold))
        .max(Duration::compareTo).orElse(hold);
  }

  // Params stay out of the domain's spec: they may hold secrets, and the journal keeps specs.
  private static List<StepSpec> specs(RunbookConfig rb) {
    return rb.steps().stream().map(s -> StepSpec.builder(s.id(), s.action())
        .after(s.after()).timeout(s.timeout()).retries(s.retries()).expected(s.expected())
        .fence(s.fence()).promote(StepSpec.promotesByName(s.action()) || s.channel().isPresent())
        .build()).toList();
  }
}
