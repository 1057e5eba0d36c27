package io.drwatch.bootstrap;

import io.drwatch.port.ExecutorLease;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cluster's executor lease behind this host's state-dir lock: whatever decides who executes,
 * two daemons must never share one state dir (one journal file, one lock). The lock is taken
 * first and given back last; grants, holder and changes are the cluster lease's.
 */
record DirLockedLease(ExecutorLease dirLock, ExecutorLease lease) implements ExecutorLease {

  @Override
  public Future<Void> start() {
    return dirLock.start().compose(v -> lease.start());
  }

  @Override
  public Optional<Grant> current() {
    return lease.current();
  }

  @Override
  public String holder() {
    return lease.holder();
  }

  @Override
  public void onChange(Consumer<Optional<Grant>> listener) {
    lease.onChange(listener);
  }

  @Override
  public Future<Void> close() {
    return lease.close().eventually(dirLock::close);
  }
}
