package io.drwatch.domain.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.Texts;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden runbooks: each {@code runbooks/<name>/steps.txt} is validated; {@code expected.txt} holds
 * either its errors or its run order and critical path (over {@code expected} durations). To
 * re-record after an intended change, run with {@code -Drunbooks.update=true} and review the diff.
 */
class RunbookGoldenTest {
  private static final Path SOURCES = Path.of("src/test/resources/runbooks");

  static Stream<String> runbooks() throws IOException, URISyntaxException {
    Path root = Path.of(RunbookGoldenTest.class.getResource("/runbooks").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve("steps.txt")))
          .map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbooks")
  void shouldValidateAndPlanTheRunbookAsRecorded(String name) throws Exception {
    Path dir = Path.of(RunbookGoldenTest.class.getResource("/runbooks/" + name).toURI());
    List<StepSpec> steps = RunbookFixture.parse(Files.readAllLines(dir.resolve("steps.txt")));
    List<String> actual = describe(steps);
    if (Boolean.getBoolean("runbooks.update")) {
      Files.write(SOURCES.resolve(name).resolve("expected.txt"), actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
  }

  private static List<String> describe(List<StepSpec> steps) {
    List<String> problems = Runbook.problems(steps, RunbookFixture.ACTIONS);
    if (!problems.isEmpty()) {
      return problems.stream().map(p -> "error: " + p).toList();
    }
    Runbook runbook = Runbook.of(steps, RunbookFixture.ACTIONS);
    List<String> lines = new ArrayList<>();
    for (StepSpec s : runbook.order()) {
      String role = s.fence() ? " fence" : s.promote() ? " promote" : "";
      String waits = runbook.prerequisites(s.id()).isEmpty() ? "-"
          : String.join(",", runbook.prerequisites(s.id()));
      lines.add("step " + s.id() + role + " after " + waits + " expected "
          + Texts.duration(s.expected()));
    }
    CriticalPath path = runbook.criticalPath(Map.of());
    lines.add("critical path " + path.text() + " = " + Texts.duration(path.total()));
    lines.add("ready at start " + runbook.ready(List.of()).stream().map(StepSpec::id)
        .collect(Collectors.joining(",")));
    return lines;
  }
}
