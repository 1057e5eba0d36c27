package io.drwatch.adapter.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.report.Span;
import io.drwatch.domain.report.Tier;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real child JVM in the middle of its writing, three times over the same store:
 * after each, SQLite's integrity check passes, every second the child reported committed is there
 * for all 10 channels, at most the one second in flight is missing, and the store opens for
 * writing again (rollups and watermarks included).
 */
class SampleStoreCrashTest {
  private static final long T0 = 1_800_000_000L;
  private static final int COMMITS_BEFORE_KILL = 150;

  @TempDir
  Path dir;

  @Test
  void shouldLoseAtMostTheSecondInFlightAndNeverCorruptTheStoreWhenKilledWithSigkill() throws Exception {
    long next = T0;
    for (int round = 0; round < 3; round++) {
      long lastCommitted = runAndKill(next);
      try (SampleReader reader = SampleReader.open(dir)) {
        assertThat(reader.integrityCheck()).as("round %d", round).isEqualTo("ok");
        List<Span> spans = reader.spans(Tier.MINUTE, T0, lastCommitted + 10);
        Map<String, Long> seconds = spans.stream()
            .collect(Collectors.groupingBy(Span::channel, Collectors.summingLong(Span::seconds)));
        long acknowledged = lastCommitted - T0 + 1;
        assertThat(seconds).as("round %d: channels", round).hasSize(10);
        // Everything acknowledged is there; one more second may have committed before its line.
        assertThat(seconds.values()).as("round %d: seconds per channel", round)
            .allMatch(n -> n == acknowledged || n == acknowledged + 1);
        // A second is one transaction: never some channels of it without the others.
        assertThat(new java.util.HashSet<>(seconds.values())).as("round %d: one count for all", round).hasSize(1);
        long stored = seconds.values().iterator().next();
        next = T0 + stored;
        assertThat(reader.rto(Tier.MINUTE, T0, lastCommitted + 10).stream()
            .mapToLong(io.drwatch.domain.report.RtoSpan::seconds).sum()).isEqualTo(stored);
      }
    }
    try (SampleStore store = SampleStore.open(dir)) {
      store.write(SampleWriterChild.second(next), List.of());
    }
  }

  /** Starts the child at {@code first}, kills it with SIGKILL after enough commits; the last second it acknowledged. */
  private long runAndKill(long first) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        SampleWriterChild.class.getName(), dir.toString(), Long.toString(first))
        .redirectErrorStream(true).start();
    long last = first - 1;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      int commits = 0;
      String line;
      while (commits < COMMITS_BEFORE_KILL && (line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          last = Long.parseLong(line.substring("committed ".length()));
          commits++;
        }
      }
      assertThat(commits).as("the child wrote (did it start?)").isEqualTo(COMMITS_BEFORE_KILL);
      // kill -9 itself: no shutdown hook, no close, mid-transaction. (destroyForcibly would also
      // close our end of its stdout, losing the lines it printed meanwhile.)
      assertThat(new ProcessBuilder("kill", "-KILL", Long.toString(child.pid())).start().waitFor()).isZero();
      assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(child.exitValue()).as("killed by signal 9").isEqualTo(137);
      // Lines the child printed after we stopped counting are commits too.
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          last = Long.parseLong(line.substring("committed ".length()));
        }
      }
    } finally {
      child.destroyForcibly();
    }
    return last;
  }
}
