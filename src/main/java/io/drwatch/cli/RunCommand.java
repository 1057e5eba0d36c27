package io.drwatch.cli;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.DrwatchConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the daemon until SIGINT/SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the daemon.")
final class RunCommand implements Callable<Integer> {

  /** Exit status when the state dir is locked by another daemon or cannot be written. */
  static final int STATE_UNUSABLE = 3;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "YAML config file")
  Path config;

  @Override
  public Integer call() throws Exception {
    Optional<DrwatchConfig> loaded = CheckConfigCommand.loadValid(config);
    if (loaded.isEmpty()) {
      return CheckConfigCommand.INVALID;
    }
    DrwatchConfig cfg = loaded.get();
    io.drwatch.bootstrap.Logging.configureFromFile(cfg.log().format());
    Daemon daemon;
    try {
      daemon = Daemon.start(cfg);
    } catch (java.util.concurrent.ExecutionException e) {
      // A locked or unwritable state dir is the operator's to fix: one line, no stack trace.
      Optional<String> unusable = Daemon.stateUnusable(e);
      if (unusable.isPresent()) {
        System.err.println("drwatch: cannot start: " + unusable.get());
        return STATE_UNUSABLE;
      }
      throw e;
    }
    System.err.printf("drwatch %s: watching %d channels; http://%s:%d/api/v1/status%n",
        cfg.observer().name(), cfg.channels().size(), cfg.http().host(), daemon.httpPort());
    awaitShutdown("drwatch-shutdown", "shutdown", daemon::close);
    return 0;
  }

  /**
   * Blocks until the JVM is asked to stop, then runs the cleanup once on the hook thread {@code thread}; a
   * failing cleanup is one stderr line under {@code who}.
   */
  static void awaitShutdown(String thread, String who, ThrowingRunnable cleanup) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        cleanup.run();
      } catch (Exception e) {
        System.err.println(who + ": " + e);
      } finally {
        done.countDown();
      }
    }, thread));
    done.await();
  }

  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }
}
