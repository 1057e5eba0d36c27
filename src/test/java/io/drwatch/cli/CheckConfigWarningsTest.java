package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What check-config says about steps that will not drill: warnings on stderr, exit 0. */
class CheckConfigWarningsTest {
  /** Three steps: one with its own drill block, one `drill: skip`, one with neither. */
  static final String YAML = io.drwatch.testkit.Resources.text("/config/runbook-drills.yaml");

  @TempDir
  Path dir;

  @Test
  void shouldValidateWithWarningsOnStderrAndStillExitZero() throws Exception {
    Path file = Files.writeString(dir.resolve("drwatch.yaml"), YAML);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    PrintStream stderr = System.err;
    int exit;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new CheckConfigCommand()).execute(file.toString());
    } finally {
      System.setOut(stdout);
      System.setErr(stderr);
    }

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains(": valid (1 channels, 3 runbook steps)");
    assertThat(err.toString(StandardCharsets.UTF_8).lines())
        .containsExactly(
            "warning: runbook.steps[1] (dial): will not drill: drill: skip",
            "warning: runbook.steps[2] (promote-cache): will not drill: no drill: block (add one, or drill: skip)");
  }
}
