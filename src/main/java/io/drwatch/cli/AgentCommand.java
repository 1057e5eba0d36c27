package io.drwatch.cli;

import io.drwatch.bootstrap.PgAgent;
import io.drwatch.config.AgentConfig;
import io.drwatch.config.ConfigException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The PostgreSQL agent on a database host: see docs/pg-agent.md. */
@Command(name = "agent", mixinStandardHelpOptions = true,
    description = "Run the PostgreSQL agent on a database host (rebuilds the local server as a standby when"
        + " a drwatch runbook's pg-rebuild-standby step asks).")
final class AgentCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The agent's YAML config.")
  Path config;

  @Override
  public Integer call() throws Exception {
    AgentConfig cfg;
    try {
      cfg = AgentConfig.load(config);
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      return CheckConfigCommand.INVALID;
    }
    PgAgent agent;
    try {
      agent = PgAgent.start(cfg);
    } catch (IllegalArgumentException e) {
      System.err.println("agent: " + e.getMessage());
      return CheckConfigCommand.INVALID;
    }
    System.err.println("agent: listening on " + cfg.host() + ":" + agent.port() + (cfg.tls().isPresent()
        ? " (https)" : "") + " for " + cfg.pgdata());
    RunCommand.awaitShutdown("drwatch-agent-shutdown", "agent", agent::close);
    return 0;
  }
}
