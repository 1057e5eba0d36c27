package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step timeout follows the action's wait, and a timeout that would abandon a long provider operation is refused. */
class StepTimeoutTest {
  private static final String HEAD = "channels:\n  - { name: db, kind: postgres, primary: { url: \"postgresql://u@p:5432/db\" },"
      + " replica: { url: \"postgresql://u@r:5432/db\" } }\nrunbook:\n  token: t\n  steps:\n";
  private static final String RDS = "action: rds-promote, params: { region: us-west-2, instance: orders-dr";

  private static StepConfig step(String fields) throws ConfigException {
    return ConfigLoader.parse(HEAD + "    - { id: a, " + fields + " }\n", Map.<String, String>of()::get)
        .runbook().orElseThrow().steps().get(0);
  }

  @Test
  void shouldRefuseATimeoutShorterThanALongOperationsWaitNamingBoth() {
    assertThatThrownBy(() -> step(RDS + " }, timeout: 5m"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("runbook.steps[0].timeout: must be at least the wait of rds-promote (params.waitSeconds 1800s),"
            + " was 5m: a long provider operation keeps running after its step is abandoned; raise timeout or lower"
            + " waitSeconds");
    assertThatThrownBy(() -> step("action: sfn-start, timeout: 10m, params: { region: us-east-1,"
        + " stateMachine: \"arn:aws:states:us-east-1:123456789012:stateMachine:dr\" }"))
        .hasMessageContaining("runbook.steps[0].timeout: must be at least the wait of sfn-start"
            + " (params.waitSeconds 3600s), was 10m");
  }

  @Test
  void shouldCheckTheDrillsWaitToo() {
    assertThatThrownBy(() -> step(RDS + ", waitSeconds: \"60\" }, timeout: 2m,"
        + " drill: { region: us-west-2, instance: drill-dr, waitSeconds: \"600\" }"))
        .hasMessageContaining("runbook.steps[0].timeout: must be at least the wait of rds-promote"
            + " (drill.waitSeconds 600s), was 2m");
  }

  @Test
  void shouldAcceptATimeoutCoveringTheWaitAndDefaultToTheWaitPlusAMargin() throws Exception {
    assertThat(step(RDS + ", waitSeconds: \"120\" }, timeout: 5m").timeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(step(RDS + " }").timeout()).isEqualTo(Duration.ofSeconds(1800 + 60));
    assertThat(step(RDS + ", waitSeconds: \"300\" }").timeout()).isEqualTo(Duration.ofSeconds(360));
  }

  @Test
  void shouldLetAShorterTimeoutCapAQuickActionsWait() throws Exception {
    assertThat(step("action: pg-promote, timeout: 30s, params: { url: \"postgresql://u@h/db\" }").timeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(step("action: pg-promote, params: { url: \"postgresql://u@h/db\" }").timeout())
        .isEqualTo(Duration.ofSeconds(60));
    assertThat(step("action: ga-traffic-dial, timeout: 10s, params: { dial: \"0\", endpointGroup:"
        + " \"arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l/endpoint-group/g\" }").timeout())
        .isEqualTo(Duration.ofSeconds(10));
  }
}
