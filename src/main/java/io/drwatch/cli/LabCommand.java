package io.drwatch.cli;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.bootstrap.PgAgent;
import io.drwatch.config.AgentConfig;
import io.drwatch.config.ConfigException;
import io.drwatch.config.Secret;
import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.Durations;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The embedded default: real PostgreSQL and Redis replicas on loopback, under a temp dir, and
 * the daemon watching them. Ctrl-C stops every process it started and removes the dir.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
    description = "Start a local lab (PostgreSQL primary+standby, Redis primary+replica) and watch it.")
final class LabCommand implements Callable<Integer> {

  @Option(names = "--apply-delay", defaultValue = "0s", paramLabel = "DURATION",
      description = "Make the PostgreSQL standby lag on purpose (recovery_min_apply_delay). Default: ${DEFAULT-VALUE}")
  Duration applyDelay;

  @Option(names = "--port", defaultValue = "9464", description = "HTTP port. Default: ${DEFAULT-VALUE}")
  int port;

  @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
      description = "Heartbeat interval. Default: ${DEFAULT-VALUE}")
  Duration interval;

  @Option(names = "--mode", defaultValue = "auto", paramLabel = "auto|approval",
      description = "runbook.mode of the lab: auto promotes the standby and replica when the primary dies. "
          + "Default: ${DEFAULT-VALUE}")
  String mode;

  @Override
  public Integer call() throws Exception {
    if (!mode.equals("auto") && !mode.equals("approval")) {
      System.err.println("--mode must be auto or approval, but was \"" + mode + "\"");
      return CheckConfigCommand.INVALID;
    }
    Path dir = Files.createTempDirectory("drwatch-lab-");
    // The hook is registered before anything starts, so a Ctrl-C at any point cleans up what
    // exists by then; the pairs' own registry stops half-started servers.
    Running running = new Running(dir);
    Runtime.getRuntime().addShutdownHook(new Thread(running::stop, "drwatch-lab-shutdown"));
    System.err.println("lab: starting PostgreSQL primary + standby and Redis primary + replica under " + dir);
    running.pg = PostgresPair.start(dir.resolve("pg"), 0, 0, applyDelay);
    running.redis = RedisPair.start(dir.resolve("redis"), 0, 0);
    String agentToken = java.util.UUID.randomUUID().toString();
    running.agents.add(agent(running.pg.primaryDataDir(), agentToken));
    running.agents.add(agent(running.pg.standbyDataDir(), agentToken));
    LabConfig.Agents agents = new LabConfig.Agents(running.agents.get(0).port(), running.agents.get(1).port(),
        agentToken);
    Path configFile = dir.resolve("drwatch.yaml");
    String token = java.util.UUID.randomUUID().toString();
    DrwatchConfig config = load(configFile, running.pg, running.redis, token, Optional.of(agents), dir);
    running.daemon = Daemon.start(config);
    printBanner(running.pg, running.redis, configFile, running.daemon.httpPort(), token);
    System.err.println("lab: PostgreSQL agents on 127.0.0.1:" + agents.primaryPort() + " (primary's host) and 127.0.0.1:"
        + agents.standbyPort() + " (standby's host). After a failover: bin/drwatch reprotect --config " + configFile
        + ", then bin/drwatch switchover --config " + configFile + " (README: The whole DR cycle on the lab)");
    running.stopped.await();
    return 0;
  }

  /** Writes the lab's config, the DR cycle's runbooks included, and loads it as {@code run} would. */
  private DrwatchConfig load(Path file, PostgresPair pg, RedisPair redis, String token, Optional<LabConfig.Agents> a,
      Path dir) throws IOException, ConfigException {
    Files.writeString(file, LabConfig.yaml(pg, redis, port, interval, dir.resolve("state"), mode, token, a));
    return ConfigLoader.load(file);
  }

  /** A PostgreSQL agent for one of the lab's servers, in this process: the servers run as postgres, as it does. */
  private static PgAgent agent(Path dataDir, String token) throws Exception {
    return PgAgent.start(new AgentConfig("127.0.0.1", 0, Secret.of(token), dataDir, PostgresPair.binDir(),
        PostgresPair.serverLog(dataDir), PostgresPair.serverUser(), Optional.empty(), Duration.ofMinutes(5)));
  }

  /** What the lab has started so far; stopped once, from the shutdown hook. */
  private static final class Running {
    final Path dir;
    final CountDownLatch stopped = new CountDownLatch(1);
    volatile PostgresPair pg;
    volatile RedisPair redis;
    volatile Daemon daemon;
    final java.util.List<PgAgent> agents = new java.util.concurrent.CopyOnWriteArrayList<>();

    Running(Path dir) {
      this.dir = dir;
    }

    void stop() {
      System.err.println("lab: stopping drwatch, PostgreSQL and Redis; removing " + dir);
      try {
        if (daemon != null) {
          daemon.close();
        }
      } catch (Exception e) {
        System.err.println("lab: stopping drwatch: " + e);
      }
      agents.forEach(Running::closeQuietly);
      for (AutoCloseable c : new AutoCloseable[] {pg, redis}) {
        closeQuietly(c);
      }
      try {
        LabConfig.deleteTree(dir);
      } catch (IOException e) {
        System.err.println("lab: could not remove " + dir + ": " + e);
      }
      stopped.countDown();
    }

    private static void closeQuietly(AutoCloseable c) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        System.err.println("lab: " + e);
      }
    }
  }

  private void printBanner(PostgresPair pg, RedisPair redis, Path configFile, int httpPort, String token) {
    String base = "http://127.0.0.1:" + httpPort;
    System.err.println("""
        lab: ready. Press Ctrl-C to stop everything.
          PostgreSQL primary  %s
          PostgreSQL standby  %s   (apply delay %s)
          Redis primary       %s
          Redis replica       %s
          config              %s
          metrics             %s/metrics
          status              %s/api/v1/status
          runs, projected RTO %s/api/v1/runs   %s/api/v1/rto
          runbook             mode %s; token %s
        Try: bin/drwatch plan --config %s
             bin/drwatch drill --config %s   (promotes the lab's standby and replica)
             kill the PostgreSQL primary (pg_ctl stop -m immediate, or kill -9 its postmaster) and
             watch the verdict lines: in auto mode the runbook promotes the standby and the replica.
        """.formatted(pg.primaryUrl(), pg.standbyUrl(), Durations.format(applyDelay),
        redis.primaryUrl(), redis.replicaUrl(), configFile, base, base, base, base, mode, token, configFile,
        configFile));
  }
}
