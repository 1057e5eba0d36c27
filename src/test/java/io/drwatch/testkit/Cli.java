package io.drwatch.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The packaged jar through {@code bin/drwatch}, as an operator runs it. */
public final class Cli {
  private Cli() {}

  public record Result(int exit, String out, String err) {}

  /** Runs {@code bin/drwatch args...} and waits at most {@code limit} for it to exit. */
  public static Result drwatch(Duration limit, String... args) throws IOException, InterruptedException {
    String[] cmd = new String[args.length + 1];
    cmd[0] = Path.of("bin/drwatch").toAbsolutePath().toString();
    System.arraycopy(args, 0, cmd, 1, args.length);
    Process p = new ProcessBuilder(cmd).start();
    assertThat(p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)).as("drwatch exits").isTrue();
    return new Result(p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
