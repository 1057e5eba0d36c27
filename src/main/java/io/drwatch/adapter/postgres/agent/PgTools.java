package io.drwatch.adapter.postgres.agent;

import io.drwatch.config.AgentConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL tools of one data directory, blocking (worker threads only): pg_ctl,
 * pg_rewind, pg_basebackup, each with a deadline, as {@code runAs} through runuser when set.
 * No shell: every argument is one argv entry.
 */
final class PgTools {
  record Result(int exit, String output) {}

  private final AgentConfig config;

  PgTools(AgentConfig config) {
    this.config = config;
  }

  Path pgdata() {
    return config.pgdata();
  }

  /** pg_ctl status: 0 running, 3 not running, 4 no valid data directory. */
  boolean running() throws IOException {
    return run(List.of(tool("pg_ctl"), "-D", pgdata().toString(), "status"), Duration.ofSeconds(10)).exit() == 0;
  }

  void stopFast() throws IOException {
    check(List.of(tool("pg_ctl"), "-D", pgdata().toString(), "-m", "fast", "-w", "-t", "60", "stop"),
        Duration.ofSeconds(70));
  }

  void start() throws IOException {
    check(List.of(tool("pg_ctl"), "-D", pgdata().toString(), "-l", config.serverLog().toString(), "-w", "-t", "120",
        "start"), Duration.ofSeconds(130));
  }

  /**
   * A CHECKPOINT on the source: right after a promotion its control file still names the old
   * timeline until the first checkpoint, and pg_rewind would then find "no rewind required".
   */
  Result checkpoint(String source) throws IOException {
    return run(List.of(tool("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", source, "-c", "CHECKPOINT"),
        Duration.ofSeconds(120));
  }

  /** pg_rewind -R: the data dir follows the source's timeline, with standby.signal and primary_conninfo. */
  Result rewind(String source, Duration within) throws IOException {
    return run(List.of(tool("pg_rewind"), "-D", pgdata().toString(), "--source-server=" + source, "-R"), within);
  }

  Result basebackup(String source, Duration within) throws IOException {
    return run(List.of(tool("pg_basebackup"), "-D", pgdata().toString(), "-d", source, "-X", "stream", "-c", "fast",
        "-R"), within);
  }

  private String tool(String name) {
    return config.bin().resolve(name).toString();
  }

  private void check(List<String> cmd, Duration within) throws IOException {
    Result r = run(cmd, within);
    if (r.exit() != 0) {
      throw new IOException(Path.of(cmd.get(0)).getFileName() + " exited " + r.exit() + ": " + lastLine(r.output()));
    }
  }

  static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1].strip();
  }

  /**
   * Output goes to a file, not a pipe: pg_ctl start leaves the postmaster holding the descriptors,
   * and a pipe would never reach end of file.
   */
  Result run(List<String> cmd, Duration within) throws IOException {
    List<String> full = new ArrayList<>();
    config.runAs().ifPresent(user -> full.addAll(List.of(runuser(), "-u", user, "--")));
    full.addAll(cmd);
    Path out = Files.createTempFile("drwatch-agent-", ".out");
    try {
      Process p = new ProcessBuilder(full).directory(Path.of("/").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
          .redirectErrorStream(true).redirectOutput(out.toFile()).start();
      try {
        if (!p.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IOException(Path.of(cmd.get(0)).getFileName() + " timed out after " + within.toSeconds() + "s");
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while running " + cmd.get(0));
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static String runuser() {
    for (String dir : List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin")) {
      if (Files.isExecutable(Path.of(dir, "runuser"))) {
        return dir + "/runuser";
      }
    }
    return "runuser";
  }
}
