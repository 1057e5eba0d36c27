package io.drwatch.cli;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.bootstrap.Logging;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code drwatch} command line. */
@Command(
    name = "drwatch",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Watches multi-region replication, measures RPO from canary writes, and "
        + "publishes it to Prometheus.",
    subcommands = {RunCommand.class, CheckConfigCommand.class, PlanCommand.class, DrillCommand.class,
        RearmCommand.class, ReprotectCommand.class, SwitchoverCommand.class, LabCommand.class,
        KindsCommand.class, HealthCommand.class, ReportCommand.class, AgentCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    Daemon.quietNetty();
    Logging.configure();
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main())
        .registerConverter(java.time.Duration.class, io.drwatch.config.Durations::parse)
        .setExecutionExceptionHandler((ex, cmd, parsed) -> {
          // A missing binary or a port in use is an operator's problem, not a stack trace.
          System.err.println("drwatch: " + ex.getMessage());
          if (!(ex instanceof io.drwatch.lab.LabException || ex instanceof java.io.IOException)) {
            ex.printStackTrace();
          }
          return 1;
        });
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
