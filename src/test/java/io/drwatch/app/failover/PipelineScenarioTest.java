package io.drwatch.app.failover;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden scenarios for the failover pipeline's rules: replays every {@code
 * pipeline-scenarios/<name>/timeline.txt} on virtual time against a real pipeline and compares
 * the lines with {@code expected.txt}. To re-record after an intended change, run with {@code
 * -Dscenarios.update=true} and review the diff like code.
 */
class PipelineScenarioTest {
  private static final Path SOURCES = Path.of("src/test/resources/pipeline-scenarios");
  private final Vertx vertx = TestVertx.create();

  /** Loads the classes every scenario uses outside the blocked-thread check: a cold JVM is not the subject. */
  @BeforeAll
  static void warmUp() throws Exception {
    Vertx warm = TestVertx.create();
    try {
      new PipelineScenarioRun(PipelineScenario.parse(List.of(
          "runbook mode=approval cooldown=2s resumeWithin=1m approvalTimeout=1m",
          "step promote noop", "step notify slow after=promote retries=1",
          "at 0s declare", "at 1s approve", "at 2s fail notify", "at 3s release notify",
          "at 4s trigger drill", "at 5s cancel", "at 6s crash", "at 7s restart", "at 8s rearm",
          "at 9s lease obs-b", "at 10s lease 2", "end 11s")), warm).run();
    } finally {
      warm.close().await();
    }
  }

  @AfterEach
  void stop() {
    vertx.close().await();
  }

  static Stream<String> scenarios() throws IOException, URISyntaxException {
    Path root = Path.of(PipelineScenarioTest.class.getResource("/pipeline-scenarios").toURI());
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(d -> Files.exists(d.resolve("timeline.txt")))
          .map(d -> d.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void shouldReplayTheTimelineIntoTheExpectedLines(String name) throws Exception {
    Path dir = Path.of(PipelineScenarioTest.class.getResource("/pipeline-scenarios/" + name).toURI());
    PipelineScenario scenario = PipelineScenario.parse(Files.readAllLines(dir.resolve("timeline.txt")));
    List<String> actual = new PipelineScenarioRun(scenario, vertx).run();
    if (Boolean.getBoolean("scenarios.update")) {
      Files.write(SOURCES.resolve(name).resolve("expected.txt"), actual, StandardCharsets.UTF_8);
      return;
    }
    List<String> expected = Files.readAllLines(dir.resolve("expected.txt")).stream()
        .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    assertThat(String.join("\n", actual)).isEqualTo(String.join("\n", expected));
  }
}
