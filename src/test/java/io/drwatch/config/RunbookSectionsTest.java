package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code runbook.reprotect} and {@code runbook.switchover}: the operator-only runbooks. */
class RunbookSectionsTest {
  private static final String BASE = """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      runbook:
        token: t
        steps:
          - { id: promote-db, action: pg-promote, channel: orders-db, drill: skip,
              params: { url: "postgresql://postgres@10.1.0.5:5432/postgres" } }
      """;

  private static RunbookConfig runbook(String sections) throws ConfigException {
    return ConfigLoader.parse(BASE + sections, name -> null).runbook().orElseThrow();
  }

  @Test
  void readsBothSectionsWithTheStepFormatOfRunbookSteps() throws Exception {
    RunbookConfig rb = runbook("""
          reprotect:
            steps:
              - { id: rebuild, action: webhook, channel: orders-db, params: { url: "https://ops.example/rebuild" } }
          switchover:
            drainWait: 20s
            steps:
              - { id: fence, action: webhook, fence: true, params: { url: "https://ops.example/fence" } }
              - { id: promote-db, action: pg-promote, channel: orders-db, after: [fence], timeout: 90s,
                  params: { url: "postgresql://postgres@10.0.0.5:5432/postgres" } }
        """);
    assertThat(rb.reprotect().orElseThrow().steps()).extracting(StepConfig::id).containsExactly("rebuild");
    assertThat(rb.reprotect().orElseThrow().steps().get(0).channel()).contains("orders-db");
    RunbookConfig.Section sw = rb.switchover().orElseThrow();
    assertThat(sw.drainWait()).isEqualTo(Duration.ofSeconds(20));
    assertThat(sw.steps()).extracting(StepConfig::id).containsExactly("fence", "promote-db");
    assertThat(sw.steps().get(1).after()).containsExactly("fence");
    assertThat(sw.steps().get(1).timeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(rb.steps()).hasSize(1);
  }

  @Test
  void sectionsAreOptional() throws Exception {
    RunbookConfig rb = runbook("");
    assertThat(rb.reprotect()).isEmpty();
    assertThat(rb.switchover()).isEmpty();
  }

  @Test
  void errorsNameTheFullPathInsideTheSection() {
    List<String> errors = errorsOf(BASE + """
          reprotect:
            drainWait: 5s
            steps:
              - { id: rebuild, action: webhook, params: { url: "ftp://nowhere" }, drill: skip }
              - { id: after-it, action: webhook, after: [rebild], params: { url: "https://ops.example/x" } }
          switchover:
            steps: []
        """);
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("runbook.reprotect.drainWait: unknown key"));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("runbook.reprotect.steps[0].params.url: "));
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("runbook.reprotect.steps[0].drill: unknown key"));
    assertThat(errors).contains("runbook.reprotect.steps[1].after[0]: must name a step id in"
        + " runbook.reprotect.steps (known: rebuild, after-it), was \"rebild\"");
    assertThat(errors).anySatisfy(e -> assertThat(e).startsWith("runbook.switchover.steps: "));
    assertThat(errors).noneMatch(e -> e.contains("will not drill"));
  }
}
