package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.app.failover.PipelineSettings;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runbook config as the pipeline gets it. */
class RunbookMappingTest {
  /** Three steps: one with its own drill block, one `drill: skip`, one with neither. */
  static final String YAML = io.drwatch.testkit.Resources.text("/config/runbook-drills.yaml");

  @Test
  void shouldGiveDrillsOnlyTheDrillBlockAndNoParamsToStepsThatDoNotDrill() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(YAML, name -> null);
    PipelineSettings settings = RunbookMapping.settings(config, config.runbook().orElseThrow());

    assertThat(settings.params("promote-db"))
        .isEqualTo(Map.of("url", "postgresql://postgres@10.1.0.5:5432/postgres", "password", "prod"));
    assertThat(settings.drillParams("promote-db"))
        .contains(Map.of("url", "postgresql://postgres@10.2.0.5:5432/postgres"));
    assertThat(settings.drillParams("dial")).isEmpty();
    assertThat(settings.drillParams("promote-cache")).isEmpty();
    assertThat(settings.params("promote-cache")).isEqualTo(Map.of("url", "redis://10.1.0.6:6379"));
    assertThat(settings.resumeWithin()).isEqualTo(Duration.ofMinutes(2));
    assertThat(settings.approvalTimeout()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldRefuseSettingsWithoutPositiveResumeAndApprovalBounds() throws Exception {
    DrwatchConfig config = ConfigLoader.parse(YAML, name -> null);
    PipelineSettings s = RunbookMapping.settings(config, config.runbook().orElseThrow());

    assertThatThrownBy(() -> new PipelineSettings(s.runbook(), s.params(), s.drillParams(), s.channels(), s.gate(),
        s.automatic(), s.cooldown(), s.rtoObjective(), s.detection(), Duration.ZERO, s.approvalTimeout()))
        .hasMessage("resumeWithin must be > 0, was PT0S");
  }

  @Test
  void shouldRefuseASwitchoverThatPromotesWithoutAFence() throws Exception {
    String yaml = YAML + """
          switchover:
            steps:
              - { id: back, action: pg-promote, channel: orders-db,
                  params: { url: "postgresql://postgres@10.0.0.5:5432/postgres" } }
        """;
    DrwatchConfig config = ConfigLoader.parse(yaml, name -> null);
    assertThat(RunbookMapping.problems(config)).singleElement().asString()
        .startsWith("runbook.switchover.steps[0]: promote step back (pg-promote) must run after a fence step"
            + " (fence: true) or use an action that fences itself");
    assertThatThrownBy(() -> RunbookMapping.settings(config, config.runbook().orElseThrow()))
        .hasMessageContaining("runbook.switchover.steps[0]: promote step back");
  }

  @Test
  void shouldMapTheOperatorRunbooksWithTheirOwnParamsAndChannels() throws Exception {
    String yaml = YAML + """
          reprotect:
            steps:
              - { id: promote-db, action: webhook, channel: orders-db, params: { url: "https://ops.example/rebuild" } }
          switchover:
            drainWait: 15s
            steps:
              - { id: fence, action: webhook, fence: true, params: { url: "https://ops.example/fence" } }
              - { id: back, action: pg-promote, channel: orders-db, after: [fence],
                  params: { url: "postgresql://postgres@10.0.0.5:5432/postgres" } }
              - { id: loop, action: webhook, after: [nope], params: { url: "https://ops.example/x" } }
        """;
    DrwatchConfig bad = ConfigLoader.parse(yaml.replace("after: [nope], ", ""), name -> null);
    PipelineSettings s = RunbookMapping.settings(bad, bad.runbook().orElseThrow());
    var reprotect = s.operatorRunbook(io.drwatch.domain.runbook.RunMode.REPROTECT).orElseThrow();
    assertThat(s.params(io.drwatch.domain.runbook.RunMode.REPROTECT, "promote-db"))
        .as("a step id may repeat across runbooks; each keeps its own params")
        .isEqualTo(Map.of("url", "https://ops.example/rebuild"));
    assertThat(s.params("promote-db")).containsEntry("url", "postgresql://postgres@10.1.0.5:5432/postgres");
    assertThat(reprotect.channels()).isEqualTo(Map.of("promote-db", "orders-db"));
    var sw = s.operatorRunbook(io.drwatch.domain.runbook.RunMode.SWITCHOVER).orElseThrow();
    assertThat(sw.drainWait()).isEqualTo(Duration.ofSeconds(15));
    assertThat(sw.runbook().prerequisites("back")).containsExactly("fence");
    assertThat(RunbookMapping.problems(bad)).isEmpty();
  }
}
