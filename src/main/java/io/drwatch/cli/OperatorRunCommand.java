package io.drwatch.cli;

import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.RunbookConfig;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/**
 * A command that starts the operator-only runbook section of its name ({@code runbook.reprotect},
 * {@code runbook.switchover}) on the running daemon and follows the run ({@link OperatorRunClient}).
 */
abstract class OperatorRunCommand extends RunbookCommand {

  @Mixin
  OperatorOption operator;

  private final Function<RunbookConfig, Optional<RunbookConfig.Section>> section;

  /** @param section the section of the command's name, which is also the endpoint's last segment */
  OperatorRunCommand(Function<RunbookConfig, Optional<RunbookConfig.Section>> section) {
    this.section = section;
  }

  /** Whether the operator accepts data loss up front; only a switchover may. */
  boolean acceptDataLoss() {
    return false;
  }

  @Override
  final int run(DrwatchConfig cfg) throws Exception {
    String mode = spec.name();
    if (section.apply(cfg.runbook().orElseThrow()).isEmpty()) {
      System.err.println("drwatch " + mode + ": " + config + " has no runbook." + mode + " section");
      return CheckConfigCommand.INVALID;
    }
    return new OperatorRunClient(cfg, "drwatch " + mode, System.out, System.err)
        .run(mode, operator.name(), acceptDataLoss());
  }
}
