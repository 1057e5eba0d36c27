package io.drwatch.bootstrap;

import io.drwatch.adapter.coordination.LocalExecutorLease;
import io.drwatch.adapter.coordination.ZkRunMirror;
import io.drwatch.adapter.http.RunsApi;
import io.drwatch.adapter.journal.FileJournal;
import io.drwatch.adapter.journal.MirroredJournal;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.domain.runbook.FailoverLatch;
import io.drwatch.domain.runbook.JournalRecord;
import io.drwatch.port.Journal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Re-arms automatic failover after a successful one. Through the running daemon when one answers
 * on the configured port (it journals, cluster-wide with ZooKeeper); otherwise it writes the
 * {@code rearmed} record itself, under the state-dir lock, to the journal the daemon will read.
 */
@Command(name = "rearm", mixinStandardHelpOptions = true,
    description = "Re-arm automatic failover after a successful failover (journaled with who did it).")
final class RearmCommand implements Callable<Integer> {

  @Option(names = "--config", required = true, paramLabel = "FILE")
  Path config;

  @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${env:USER:-operator}",
      description = "Who re-arms, for the journal. Default: $USER")
  String operator;

  @Override
  public Integer call() throws Exception {
    Optional<DrwatchConfig> loaded = CheckConfigCommand.loadValid(config);
    if (loaded.isEmpty()) {
      return CheckConfigCommand.INVALID;
    }
    DrwatchConfig cfg = loaded.get();
    if (cfg.runbook().isEmpty()) {
      System.err.println(config + ": no runbook section; nothing to re-arm");
      return CheckConfigCommand.INVALID;
    }
    String name = RunsApi.operator(operator);
    Optional<Integer> answered = RearmClient.post(cfg, name.isEmpty() ? "operator" : name);
    return answered.isPresent() ? answered.get() : rearmHere(cfg, (name.isEmpty() ? "operator" : name)
        + "@" + java.net.InetAddress.getLocalHost().getHostName() + " (drwatch rearm)");
  }

  private static int rearmHere(DrwatchConfig cfg, String by) throws Exception {
    Vertx vertx = Vertx.vertx();
    LocalExecutorLease lock = new LocalExecutorLease(vertx, cfg.state().dir(), "drwatch-rearm");
    try {
      await(lock.start());
      FileJournal file = FileJournal.create(vertx, cfg.state().dir());
      Optional<ZkRunMirror> mirror = cfg.coordination().zookeeper().isPresent()
          ? Optional.of(await(ZkRunMirror.open(vertx, cfg.coordination().zookeeper().get())))
          : Optional.empty();
      Journal journal = mirror.<Journal>map(m -> new MirroredJournal(m, file)).orElse(file);
      try {
        FailoverLatch latch = FailoverLatch.of(await(journal.readAll()));
        if (latch.armed()) {
          System.out.println("automatic failover is armed already; nothing to do");
          return 0;
        }
        await(journal.append(new JournalRecord.Rearmed(latch.latchedBy().orElseThrow(), by,
            Instant.now()), 0));
        System.out.println("re-armed automatic failover (was: " + latch.line() + "), journaled as " + by);
        return 0;
      } finally {
        await(file.close());
        if (mirror.isPresent()) {
          await(mirror.get().close());
        }
      }
    } finally {
      await(lock.close());
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
