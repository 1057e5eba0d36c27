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
}
