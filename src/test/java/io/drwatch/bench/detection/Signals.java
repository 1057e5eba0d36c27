package io.drwatch.bench.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Signals to whole process trees: {@code kill -9}, and freezes with SIGSTOP / SIGCONT. */
final class Signals {
  private Signals() {}

  /** The process and every descendant, parents first. */
  static List<Long> tree(long pid) {
    List<Long> pids = new ArrayList<>(List.of(pid));
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }

  /** Line 1 of a PostgreSQL data dir's postmaster.pid. */
  static long postmaster(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
  }

  static void send(String signal, List<Long> pids) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + signal));
    pids.forEach(p -> cmd.add(Long.toString(p)));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      // A process that exited between listing and signalling makes kill fail: that is fine.
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("kill -" + signal + " hung");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Freezes the tree rooted at {@code pid} for {@code ms}, then thaws the same processes. */
  static void freeze(long pid, long ms) throws IOException {
    List<Long> pids = tree(pid);
    send("STOP", pids);
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      send("CONT", pids);
    }
  }
}
