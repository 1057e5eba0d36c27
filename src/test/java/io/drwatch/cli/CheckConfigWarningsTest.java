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
  private static final String YAML = """
      http: { token: t }
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      runbook:
        resumeWithin: 2m
        approvalTimeout: 1h
        steps:
          - { id: promote-db, action: pg-promote, channel: orders-db,
              params: { url: "postgresql://postgres@10.1.0.5:5432/postgres", password: prod },
              drill: { url: "postgresql://postgres@10.2.0.5:5432/postgres" } }
          - { id: dial, action: ga-traffic-dial, drill: skip, params: { dial: "0",
              endpointGroup: "arn:aws:globalaccelerator::123456789012:accelerator/a/listener/l/endpoint-group/g" } }
          - { id: promote-cache, action: redis-promote, after: [promote-db],
              params: { url: "redis://10.1.0.6:6379" } }
      """;

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
