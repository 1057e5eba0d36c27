package io.drwatch.cli;

import io.drwatch.bootstrap.RunbookMapping;
import io.drwatch.config.ConfigException;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Validates a config file: exit 0 when valid, 2 with one line per error on stderr otherwise.
 * Warnings (such as steps that will not drill) go to stderr too and leave the exit code at 0.
 */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate a config file; exits 0 if valid (warnings, if any, on stderr), 2 with the errors on"
        + " stderr.")
final class CheckConfigCommand implements Callable<Integer> {
  static final int INVALID = 2;

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() {
    Optional<DrwatchConfig> config = loadValid(file);
    config.ifPresent(c -> System.out.printf("%s: valid (%d channels, %s)%n", file,
        c.channels().size(), c.runbook().map(r -> r.steps().size() + " runbook steps"
            + r.reprotect().map(x -> ", reprotect " + x.steps().size() + " steps").orElse("")
            + r.switchover().map(x -> ", switchover " + x.steps().size() + " steps").orElse(""))
            .orElse("no runbook")));
    return config.isPresent() ? 0 : INVALID;
  }

  /**
   * Loads and validates a config file, the runbook DAG included (cycles, unknown actions). On
   * error prints one line per problem to stderr and returns empty; a valid config's warnings go
   * to stderr as {@code warning: ...} lines. Every command that reads a config reports both the
   * same way, so a drill also says which steps it leaves out.
   */
  /**
   * A valid config that has a runbook, for the commands that act on it ({@code verb}: "drill",
   * "plan", ...); empty after saying why on stderr.
   */
  static Optional<DrwatchConfig> loadWithRunbook(Path file, String verb) {
    Optional<DrwatchConfig> loaded = loadValid(file);
    if (loaded.isPresent() && loaded.get().runbook().isEmpty()) {
      System.err.println(file + ": no runbook section; nothing to " + verb);
      return Optional.empty();
    }
    return loaded;
  }

  static Optional<DrwatchConfig> loadValid(Path file) {
    try {
      List<String> warnings = new ArrayList<>();
      DrwatchConfig config = ConfigLoader.load(file, warnings);
      List<String> runbook = RunbookMapping.problems(config);
      if (!runbook.isEmpty()) {
        throw new ConfigException(runbook);
      }
      warnings.forEach(w -> System.err.println("warning: " + w));
      return Optional.of(config);
    } catch (ConfigException e) {
      System.err.printf("%s: invalid config%n", file);
      e.errors().forEach(err -> System.err.println("  " + err));
      return Optional.empty();
    }
  }
}
