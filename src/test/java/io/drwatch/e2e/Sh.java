package io.drwatch.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Short root commands for the e2e harness (nft, useradd, kill, setpriv probes). */
final class Sh {
  record Result(int exit, String out) {}

  private Sh() {}

  static Result run(List<String> cmd, String stdin, long timeoutMs) throws IOException {
    Path out = Files.createTempFile("drwatch-e2e-", ".out");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile())
          .directory(Path.of("/").toFile());
      if (stdin == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      }
      Process p = pb.start();
      if (stdin != null) {
        try (var in = p.getOutputStream()) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      try {
        if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
          p.destroyForcibly();
          throw new IOException("`" + String.join(" ", cmd) + "` timed out after " + timeoutMs + " ms");
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  static String check(String... cmd) throws IOException {
    Result r = run(List.of(cmd), null, 30_000);
    if (r.exit() != 0) {
      throw new IOException("`" + String.join(" ", cmd) + "` exited " + r.exit() + ": " + r.out().strip());
    }
    return r.out().strip();
  }
}
