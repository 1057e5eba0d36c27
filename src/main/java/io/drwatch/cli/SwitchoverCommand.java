package io.drwatch.cli;

import io.drwatch.bootstrap.LocalRearm;
import io.drwatch.config.DrwatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the {@code runbook.switchover} steps on the running daemon and follows the run. */
@Command(name = "switchover", mixinStandardHelpOptions = true,
    description = "Planned, zero-loss change of primary (runbook.switchover) through the running daemon;"
        + " follows the run. Exit 0 succeeded, 1 failed or blocked, 2 refused or bad config.")
final class SwitchoverCommand extends RunbookCommand {

  SwitchoverCommand() {
    super("switchover");
  }

  @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${env:USER:-operator}",
      description = "Who starts it, for the journal. Default: $USER")
  String operator;

  @Option(names = "--accept-data-loss",
      description = "Promote even without proof of RPO 0 (journaled as this operator's acceptance)")
  boolean acceptDataLoss;

  @Override
  int run(DrwatchConfig cfg) throws Exception {
    if (cfg.runbook().orElseThrow().switchover().isEmpty()) {
      System.err.println("drwatch switchover: " + config + " has no runbook.switchover section");
      return CheckConfigCommand.INVALID;
    }
    String name = LocalRearm.operator(operator);
    return new OperatorRunClient(cfg, "drwatch switchover", System.out, System.err)
        .run("switchover", name.isEmpty() ? "operator" : name, acceptDataLoss);
  }
}
