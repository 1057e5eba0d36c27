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

/** check-config refuses several auto observers without a shared lease, naming the key. */
class CheckConfigCoordinationTest {

  private static final String AUTO_PEERS =
      """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      detection: { peers: ["http://10.1.0.9:9464"], peerToken: p }
      runbook:
        token: t
        mode: auto
        steps:
          - { id: promote, action: pg-promote, params: { url: "postgresql://p@10.1.0.5:5432/p" } }
      """;

  @Test
  void shouldExitTwoNamingCoordinationWhenAutoPeersHaveNoZooKeeper(@TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("drwatch.yaml"), AUTO_PEERS);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    int exit;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new CheckConfigCommand()).execute(file.toString());
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("  coordination: required when detection.peers is set and runbook.mode is auto"
            + " (several observers would each execute the runbook), was absent");
  }

  @Test
  void shouldAcceptAutoPeersWithZooKeeper(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("drwatch.yaml"), AUTO_PEERS
        + "coordination: { zookeeper: { connect: \"zk1:2181,zk2:2181,zk3:2181\","
        + " path: /drwatch/prod } }\n");

    assertThat(new CommandLine(new CheckConfigCommand()).execute(file.toString())).isZero();
  }
}
