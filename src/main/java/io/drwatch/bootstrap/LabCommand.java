package io.drwatch.bootstrap;

import io.drwatch.config.ConfigLoader;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.config.Durations;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
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

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("drwatch-lab-");
    System.err.println("lab: starting PostgreSQL primary + standby and Redis primary + replica under " + dir);
    PostgresPair pg = PostgresPair.start(dir.resolve("pg"), 0, 0, applyDelay);
    RedisPair redis = RedisPair.start(dir.resolve("redis"), 0, 0);
    Path configFile = dir.resolve("drwatch.yaml");
    Files.writeString(configFile, LabConfig.yaml(pg, redis, port, interval));
    DrwatchConfig config = ConfigLoader.load(configFile);
    Daemon daemon = Daemon.start(config);
    printBanner(pg, redis, configFile, daemon.httpPort());
    RunCommand.awaitShutdown(() -> {
      System.err.println("lab: stopping drwatch, PostgreSQL and Redis; removing " + dir);
      try (pg; redis) {
        daemon.close();
      }
      LabConfig.deleteTree(dir);
    });
    return 0;
  }

  private void printBanner(PostgresPair pg, RedisPair redis, Path configFile, int httpPort) {
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
        """.formatted(pg.primaryUrl(), pg.standbyUrl(), Durations.format(applyDelay),
        redis.primaryUrl(), redis.replicaUrl(), configFile, base, base));
  }
}
