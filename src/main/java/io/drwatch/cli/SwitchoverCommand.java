package io.drwatch.cli;

import io.drwatch.config.RunbookConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Starts the {@code runbook.switchover} steps on the running daemon and follows the run. */
@Command(name = "switchover",
    description = "Planned, zero-loss change of primary (runbook.switchover) through the running daemon;"
        + " follows the run. Exit 0 succeeded, 1 failed or blocked, 2 refused or bad config.")
final class SwitchoverCommand extends OperatorRunCommand {

  @Option(names = "--accept-data-loss",
      description = "Promote even without proof of RPO 0 (journaled as this operator's acceptance)")
  boolean acceptDataLoss;

  SwitchoverCommand() {
    super(RunbookConfig::switchover);
  }

  @Override
  boolean acceptDataLoss() {
    return acceptDataLoss;
  }
}
