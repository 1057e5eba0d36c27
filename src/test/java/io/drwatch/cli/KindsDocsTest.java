package io.drwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.spi.KindRegistry;
import io.drwatch.schema.KindReference;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code drwatch kinds} and the copies in the docs are the same text: the docs cannot drift. */
class KindsDocsTest {

  private static String block(String doc) throws Exception {
    String text = Files.readString(Path.of(doc));
    int begin = text.indexOf(KindReference.BEGIN);
    int end = text.indexOf(KindReference.END);
    assertThat(begin).as(doc + " has the kinds markers").isNotNegative();
    assertThat(end).as(doc + " has the kinds end marker").isGreaterThan(begin);
    return text.substring(begin + KindReference.BEGIN.length() + 1, end);
  }

  private static String kinds(String... args) {
    PrintStream old = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertThat(Main.commandLine().execute(args)).isZero();
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldPrintTheChannelReferenceThatDocsChannelsHolds() throws Exception {
    assertThat(block("docs/channels.md"))
        .as("docs/channels.md is stale: paste `drwatch kinds --channels` between the markers")
        .isEqualTo(kinds("kinds", "--channels"));
  }

  @Test
  void shouldPrintTheActionReferenceThatTheRunbookDocHolds() throws Exception {
    assertThat(block("docs/failover-runbook.md"))
        .as("docs/failover-runbook.md is stale: paste `drwatch kinds --actions` between the markers")
        .isEqualTo(kinds("kinds", "--actions"));
  }

  @Test
  void shouldPrintBothWithoutOptions() {
    String all = kinds("kinds");
    assertThat(all).startsWith("## Channel kinds").contains("## Actions")
        .contains(KindReference.channels(KindRegistry.installed()))
        .contains(KindReference.actions(KindRegistry.installed()));
  }
}
