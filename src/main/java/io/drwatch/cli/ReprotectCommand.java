package io.drwatch.cli;

import io.drwatch.config.RunbookConfig;
import picocli.CommandLine.Command;

/** Starts the {@code runbook.reprotect} steps on the running daemon and follows the run. */
@Command(name = "reprotect",
    description = "Rebuild replication after a failover (runbook.reprotect) through the running daemon;"
        + " follows the run. Exit 0 succeeded, 1 failed or blocked, 2 refused or bad config.")
final class ReprotectCommand extends OperatorRunCommand {

  ReprotectCommand() {
    super(RunbookConfig::reprotect);
  }
}
