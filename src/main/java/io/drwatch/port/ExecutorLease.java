package io.drwatch.port;

import io.vertx.core.Future;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The right to execute failover runs, held by at most one observer at a time (Patroni's leader
 * key). A run may start or take its next step only while {@link #current} holds the grant it
 * started under: every grant carries a fencing epoch that increases with each grant, and that
 * epoch goes into every journal record and every step's request, so a late write from a former
 * holder is recognisable. Implementations: ZooKeeper (several observers) and a lock file on the
 * state dir (one observer).
 *
 * <p>Listeners are called on the context that called {@link #start}.
 */
public interface ExecutorLease {

  /**
   * One grant: who holds the lease and under which fencing epoch. Epochs of real grants start at
   * 1; epoch 0 is the {@link #unfenced} lease of a drill, which fences nothing.
   */
  record Grant(String holder, long epoch) {
    public Grant {
      if (epoch < 0) {
        throw new IllegalArgumentException("epoch must be >= 0, was " + epoch);
      }
    }
  }

  /**
   * A lease that is always held under epoch 0: for {@code drwatch drill}, whose separate journal
   * and drill targets share nothing with production runs, so there is nothing to fence.
   */
  static ExecutorLease unfenced(String holder) {
    Grant grant = new Grant(holder, 0);
    return new ExecutorLease() {
      @Override
      public Future<Void> start() {
        return Future.succeededFuture();
      }

      @Override
      public Optional<Grant> current() {
        return Optional.of(grant);
      }

      @Override
      public String holder() {
        return holder;
      }

      @Override
      public void onChange(Consumer<Optional<Grant>> listener) {
        // Never changes.
      }

      @Override
      public Future<Void> close() {
        return Future.succeededFuture();
      }
    };
  }

  /** Joins the election; completes once the lease can be asked about (not once it is held). */
  Future<Void> start();

  /** The grant, while this observer holds the lease; empty otherwise (also after a lost session). */
  Optional<Grant> current();

  /** Who holds the lease as far as this observer knows, for blockers and status ("" if unknown). */
  String holder();

  /**
   * Called with the new grant when this observer gains the lease, and with empty when it loses
   * it (session expired or suspended, lease taken away, closed).
   */
  void onChange(Consumer<Optional<Grant>> listener);

  /** Gives the lease up and leaves the election. */
  Future<Void> close();
}
