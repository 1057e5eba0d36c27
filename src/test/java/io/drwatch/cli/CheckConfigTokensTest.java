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

/** {@code check-config} on the token keys: the retired one, one token per role, and no echo. */
class CheckConfigTokensTest {
  private static final String CHANNEL = """
      channels:
        - { name: a, kind: redis, primary: { url: "redis://127.0.0.1:1" }, replica: { url: "redis://127.0.0.1:2" } }
      """;
  private static final String RUNBOOK = """
      runbook:
        token: operator-s3cret
        steps:
          - { id: promote, action: redis-promote, params: { url: "redis://127.0.0.1:2" }, drill: skip }
      """;

  @TempDir
  Path dir;

  private record Run(int exit, String out, String err) {}

  private Run check(String yaml) throws Exception {
    Path file = Files.writeString(dir.resolve("drwatch.yaml"), yaml);
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
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void shouldRefuseHttpTokenNamingTheThreeRoleKeys() throws Exception {
    Run run = check("http: { port: 9464, token: shared-s3cret }\n" + CHANNEL + RUNBOOK);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("  http.token: retired: each role has its own token now: runbook.token (operator),"
            + " detection.peerToken (peers' votes) and detection.events.token (events)")
        .doesNotContain("unknown key")
        .doesNotContain("shared-s3cret");
  }

  @Test
  void shouldRefuseHttpTokenFileToo() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "from-file\n");

    Run run = check("http: { tokenFile: \"" + file + "\" }\n" + CHANNEL + RUNBOOK);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("  http.tokenFile: retired: each role has its own token now:"
        + " runbook.token (operator), detection.peerToken (peers' votes) and detection.events.token"
        + " (events)");
  }

  @Test
  void shouldRefuseOneValueInTwoRolesNamingBothKeys() throws Exception {
    Path peerFile = Files.writeString(dir.resolve("peer-token"), "operator-s3cret\n");
    String yaml = CHANNEL + RUNBOOK + """
        detection:
          peers: ["http://10.1.0.9:9464"]
          peerTokenFile: "%s"
          events: { token: events-s3cret }
        http: { readToken: events-s3cret }
        """.formatted(peerFile);

    Run run = check(yaml);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .contains("  detection.peerToken: must differ from runbook.token (one token per role;"
            + " the same value opens both roles' endpoints)")
        .contains("  http.readToken: must differ from detection.events.token (one token per role;"
            + " the same value opens both roles' endpoints)")
        .doesNotContain("s3cret");
  }

  @Test
  void shouldAcceptOneTokenPerRoleWithoutPrintingAny() throws Exception {
    Path peerFile = Files.writeString(dir.resolve("peer-token"), "peer-s3cret\n");
    String yaml = CHANNEL + RUNBOOK + """
        detection:
          peers: [{ url: "https://10.1.0.9:9464", observer: use2-a }]
          peerTokenFile: "%s"
          events: { token: events-s3cret }
        http: { readToken: read-s3cret }
        """.formatted(peerFile);

    Run run = check(yaml);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out() + run.err()).doesNotContain("s3cret");
  }

  @Test
  void shouldRequireTheOperatorTokenOfItsOwnWithARunbook() throws Exception {
    Run run = check(CHANNEL + RUNBOOK.replace("  token: operator-s3cret\n", ""));

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("  runbook.token: required (or tokenFile): the operator's token"
        + " for failover, approve, cancel and re-arm");
  }
}
