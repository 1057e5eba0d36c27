package io.drwatch.bootstrap;

import io.drwatch.config.ConfigException;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Validates a config file: exit 0 when valid, 2 with one line per error on stderr otherwise. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
    description = "Validate a config file; exits 0 if valid, 2 with the errors on stderr.")
final class CheckConfigCommand implements Callable<Integer> {
  static final int INVALID = 2;

  @Parameters(index = "0", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() {
    try {
      DrwatchConfig config = ConfigLoader.load(file);
      java.util.List<String> runbook = RunbookMapping.problems(config);
      if (!runbook.isEmpty()) {
        throw new ConfigException(runbook);
      }
      System.out.printf("%s: valid (%d channels)%n", file, config.channels().size());
      return 0;
    } catch (ConfigException e) {
      System.err.printf("%s: invalid config%n", file);
      e.errors().forEach(err -> System.err.println("  " + err));
      return INVALID;
    }
  }
}
