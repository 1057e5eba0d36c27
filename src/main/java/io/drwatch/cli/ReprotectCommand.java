package io.drwatch.cli;

import io.drwatch.bootstrap.LocalRearm;
import io.drwatch.config.DrwatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the {@code runbook.reprotect} steps on the running daemon and follows the run. */
@Command(name = "reprotect", mixinStandardHelpOptions = true,
    description = "Rebuild replication after a failover (runbook.reprotect) through the running daemon;"
        + " follows the run. Exit 0 succeeded, 1 failed or blocked, 2 refused or bad config.")
final class ReprotectCommand extends RunbookCommand {

  ReprotectCommand() {
    super("reprotect");
  }

  @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${env:USER:-operator}",
      description = "Who starts it, for the journal. Default: $USER")
  String operator;

  @Override
  int run(DrwatchConfig cfg) throws Exception {
    if (cfg.runbook().orElseThrow().reprotect().isEmpty()) {
      System.err.println("drwatch reprotect: " + config + " has no runbook.reprotect section");
      return CheckConfigCommand.INVALID;
    }
    String name = LocalRearm.operator(operator);
    return new OperatorRunClient(cfg, "drwatch reprotect", System.out, System.err)
        .run("reprotect", name.isEmpty() ? "operator" : name, false);
  }
}
