package io.drwatch.adapter.coordination;

import io.drwatch.config.ZooKeeperConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * Three real ZooKeeper servers in this JVM. The tick is 500 ms so that the servers accept the
 * tests' 2 s sessions (a server allows 2 to 20 ticks).
 */
final class ZkEnsemble implements AutoCloseable {
  static final Duration SESSION = Duration.ofSeconds(2);
  private static final int TICK_MS = 500;
  // Held strongly (JUL keeps loggers weakly). Servers stopped on purpose log pages of errors
  // and warnings; the clients' warnings are kept.
  private static final List<Logger> QUIET = List.of(
      quiet("org.apache.zookeeper.server", Level.OFF),
      quiet("org.apache.zookeeper", Level.WARNING),
      quiet("org.apache.curator", Level.WARNING));

  private static Logger quiet(String name, Level level) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(level);
    return logger;
  }

  final TestingCluster cluster;
  private final List<InstanceSpec> specs = new ArrayList<>();

  ZkEnsemble() throws Exception {
    for (int id = 1; id <= 3; id++) {
      specs.add(new InstanceSpec(null, -1, -1, -1, true, id, TICK_MS, 0));
    }
    cluster = new TestingCluster(specs);
    cluster.start();
  }

  ZooKeeperConfig config(String path) {
    return new ZooKeeperConfig(cluster.getConnectString(), path, SESSION);
  }

  ZkExecutorLease lease(Vertx vertx, String path, String observer) {
    return ZkExecutorLease.create(vertx, config(path), observer);
  }

  /** Stops two of the three servers: the ensemble has no quorum and answers nobody. */
  void loseQuorum() throws Exception {
    cluster.killServer(specs.get(0));
    cluster.killServer(specs.get(1));
  }

  void restoreQuorum() throws Exception {
    cluster.restartServer(specs.get(0));
    cluster.restartServer(specs.get(1));
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
