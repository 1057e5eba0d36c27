package io.drwatch.cli;

import io.drwatch.config.DrwatchConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A command that needs a config with a runbook: loads and checks it, prints the problems and exits
 * {@link CheckConfigCommand#INVALID} before anything runs. Subclasses inherit the standard help options.
 */
@Command(mixinStandardHelpOptions = true)
abstract class RunbookCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Spec
  CommandSpec spec;

  /** What the command does, for "nothing to VERB" without a runbook: its name unless it says otherwise. */
  String verb() {
    return spec.name();
  }

  @Override
  public final Integer call() throws Exception {
    Optional<DrwatchConfig> loaded = CheckConfigCommand.loadWithRunbook(config, verb());
    return loaded.isEmpty() ? CheckConfigCommand.INVALID : run(loaded.get());
  }

  abstract int run(DrwatchConfig cfg) throws Exception;
}
