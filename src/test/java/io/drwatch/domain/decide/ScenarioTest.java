package io.drwatch.domain.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden scenarios: replays every {@code scenarios/<name>/timeline.txt} on virtual time through
 * the real {@code DetectionRound}, checks the key expectations of {@code expect.txt} (when the
 * outage is declared and cleared, or that it never is), and compares the lines with
 * {@code expected-verdicts.txt}. To re-record after an intended change, run with
 * {@code -Dscenarios.update=true} and review the diff like code; {@code expect.txt} is never
 * re-recorded.
 */
class ScenarioTest {
  private static final Path SOURCES = Path.of("src/test/resources/scenarios");

  static Stream<String> scenarios() throws IOException, URISyntaxException {
    Path root = Path.of(ScenarioTest.class.getResource("/scenarios").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve("timeline.txt")))
          .map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void shouldReplayTheTimelineIntoTheExpectedVerdicts(String name) throws Exception {
    Path dir = Path.of(ScenarioTest.class.getResource("/scenarios/" + name).toURI());
    Scenario scenario = Scenario.parse(Files.readAllLines(dir.resolve("timeline.txt")));
    ScenarioRun run = new ScenarioRun(scenario);
    List<String> actual = run.run();
    assertThat(dir.resolve("expect.txt")).as("every scenario states its key expectations").exists();
    assertThat(ScenarioExpectations.check(Files.readAllLines(dir.resolve("expect.txt")),
        run.rounds())).as(name + "/expect.txt").isEmpty();
    if (Boolean.getBoolean("scenarios.update")) {
      Files.write(SOURCES.resolve(name).resolve("expected-verdicts.txt"), actual,
          StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.readAllLines(dir.resolve("expected-verdicts.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
  }
}
