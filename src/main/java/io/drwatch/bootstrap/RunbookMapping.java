package io.drwatch.bootstrap;

import io.drwatch.app.failover.ModeRunbook;
import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.RunbookConfig;
import io.drwatch.config.StepConfig;
import io.drwatch.domain.runbook.InvalidRunbookException;
import io.drwatch.domain.runbook.RpoGate;
import io.drwatch.domain.runbook.RunMode;
import io.drwatch.domain.runbook.SwitchoverRules;
import io.drwatch.spi.ActionDescriptor;
import io.drwatch.spi.KindRegistry;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Set;
import java.util.stream.Collectors;
import io.drwatch.domain.runbook.RtoProjector;
import io.drwatch.domain.runbook.Runbook;
import io.drwatch.domain.runbook.StepSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Config to domain for the runbook; also the validation check-config runs. */
public final class RunbookMapping {
  private static final String REPROTECT = "runbook.reprotect.steps";
  private RunbookMapping() {}

  /**
   * Cycles, unknown actions and the like, as {@code runbook.steps: ...} lines; the same for the
   * operator-only sections, and the switchover's fence rule.
   */
  public static List<String> problems(DrwatchConfig config) {
    if (config.runbook().isEmpty()) {
      return List.of();
    }
    RunbookConfig rb = config.runbook().get();
    List<String> out = new ArrayList<>(named("runbook.steps", Runbook.problems(specs(rb.steps()), ActionKinds.NAMES)));
    rb.reprotect().ifPresent(s -> out.addAll(named(REPROTECT,
        Runbook.problems(REPROTECT, specs(s.steps()), ActionKinds.NAMES))));
    rb.switchover().ifPresent(s -> {
      out.addAll(named(SwitchoverRules.PATH, Runbook.problems(SwitchoverRules.PATH, specs(s.steps()), ActionKinds.NAMES)));
      out.addAll(SwitchoverRules.problems(specs(s.steps()), selfFencing()));
    });
    return out;
  }

  private static List<String> named(String path, List<String> problems) {
    return problems.stream().map(p -> p.startsWith("runbook") ? p : path + ": " + p).toList();
  }

  /** The action kinds whose descriptor fences by itself. */
  static Set<String> selfFencing() {
    return KindRegistry.installed().actions().stream().filter(ActionDescriptor::fencesItself)
        .map(ActionDescriptor::name).collect(Collectors.toSet());
  }

  static PipelineSettings settings(DrwatchConfig config, RunbookConfig rb) {
    Runbook runbook = Runbook.of(specs(rb.steps()), ActionKinds.NAMES);
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
        rb.approvalTimeout(), operatorRunbooks(rb));
  }

  private static Map<RunMode, ModeRunbook> operatorRunbooks(RunbookConfig rb) {
    Map<RunMode, ModeRunbook> out = new EnumMap<>(RunMode.class);
    rb.reprotect().ifPresent(s -> out.put(RunMode.REPROTECT, section(REPROTECT, s)));
    rb.switchover().ifPresent(s -> {
      List<String> unfenced = SwitchoverRules.problems(specs(s.steps()), selfFencing());
      if (!unfenced.isEmpty()) {
        throw new InvalidRunbookException(unfenced);
      }
      out.put(RunMode.SWITCHOVER, section(SwitchoverRules.PATH, s));
    });
    return out;
  }

  private static ModeRunbook section(String path, RunbookConfig.Section s) {
    Map<String, Map<String, String>> params = new HashMap<>();
    Map<String, String> channels = new HashMap<>();
    for (StepConfig step : s.steps()) {
      params.put(step.id(), step.params());
      step.channel().ifPresent(c -> channels.put(step.id(), c));
    }
    return new ModeRunbook(Runbook.of(path, specs(s.steps()), ActionKinds.NAMES), params, channels,
        s.drainWait(), selfFencing());
  }

  /** The slowest target's detection: failuresToSuspect x interval + holdFor. */
  public static Duration detection(DrwatchConfig config) {
    Duration hold = config.detection().quorum().holdFor();
    return config.detection().targets().stream()
        .map(t -> RtoProjector.detectionTime(t.failuresToSuspect(), t.interval(), hold))
        .max(Duration::compareTo).orElse(hold);
  }

  // Params stay out of the domain's spec: they may hold secrets, and the journal keeps specs.
  private static List<StepSpec> specs(List<StepConfig> steps) {
    return steps.stream().map(s -> StepSpec.builder(s.id(), s.action())
        .after(s.after()).timeout(s.timeout()).retries(s.retries()).expected(s.expected())
        .fence(s.fence()).promote(StepSpec.promotesByName(s.action()) || s.channel().isPresent())
        .build()).toList();
  }
}
