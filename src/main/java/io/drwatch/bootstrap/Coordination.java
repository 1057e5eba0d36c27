package io.drwatch.bootstrap;

import io.drwatch.adapter.coordination.LocalExecutorLease;
import io.drwatch.adapter.coordination.ZkExecutorLease;
import io.drwatch.adapter.coordination.ZkRunMirror;
import io.drwatch.config.DrwatchConfig;
import io.drwatch.port.ExecutorLease;
import io.drwatch.port.RunMirror;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * Chooses the executor lease and run mirror for a config: ZooKeeper when {@code
 * coordination.zookeeper} is set (behind the state-dir lock all the same), else the lone
 * observer's lock on {@code state.dir} (and no mirror). Builds only; the caller starts the lease and closes it.
 */
final class Coordination {

  private Coordination() {}

  /**
   * The lease, not started. For ZooKeeper it owns the Curator client that {@link #mirror} shares:
   * closing the lease closes both.
   */
  static ExecutorLease lease(Vertx vertx, DrwatchConfig config) {
    String observer = config.observer().name();
    LocalExecutorLease dirLock = new LocalExecutorLease(vertx, config.state().dir(), observer);
    return config.coordination().zookeeper()
        .<ExecutorLease>map(zk -> new DirLockedLease(dirLock, ZkExecutorLease.create(vertx, zk, observer)))
        .orElse(dirLock);
  }

  /**
   * The cluster mirror of the journal on {@code lease}'s ZooKeeper client; empty for a lone
   * observer, whose journal file is the only copy. Usable from the lease's start to its close.
   */
  static Optional<RunMirror> mirror(ExecutorLease lease) {
    ExecutorLease inner = lease instanceof DirLockedLease locked ? locked.lease() : lease;
    return inner instanceof ZkExecutorLease zk
        ? Optional.of(ZkRunMirror.sharing(zk))
        : Optional.empty();
  }
}
