package io.drwatch.adapter.coordination;

import io.drwatch.config.ZooKeeperConfig;
import io.drwatch.port.ExecutorLease;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.CancelLeadershipException;
import org.apache.curator.framework.recipes.leader.LeaderSelector;
import org.apache.curator.framework.recipes.leader.LeaderSelectorListener;
import org.apache.curator.framework.state.ConnectionState;

/**
 * The executor lease on ZooKeeper, for several observers of one deployment.
 *
 * <p>Built on Curator's {@link LeaderSelector} rather than {@code LeaderLatch}: a selector's term
 * is one call of {@code takeLeadership} on Curator's own leader thread, so the epoch
 * compare-and-set runs first inside it, the grant is published only once the epoch is written,
 * and the term ends exactly when the call returns. A latch reports "leader" before any epoch
 * exists and would need its isLeader/notLeader callbacks reconciled with an asynchronous CAS.
 * {@code autoRequeue} puts this observer back in the election after every term and reconnection;
 * each new term bumps the epoch again, so a re-elected observer never reuses an epoch.
 *
 * <p>Losing the session: SUSPENDED counts as lost, like Patroni demoting itself when it cannot
 * reach the DCS, because this observer cannot tell "ZooKeeper is slow" from "I am partitioned and
 * the others have elected someone". On SUSPENDED or LOST, {@link #current} is empty at once (on the
 * Curator thread, so a step checking it cannot race the hop), listeners hear empty on the
 * context, and the term is interrupted, which gives the election znode back.
 *
 * <p>Threads: Curator calls back on its own threads; they only touch the atomic grant under
 * {@link #lock} and hop to the context captured by {@link #start} for listeners. The epoch CAS
 * blocks the selector's leader thread (never an event loop), bounded by the client's retries and
 * cut short by the interrupt; other blocking calls run on {@link ZkSession}'s worker.
 */
public final class ZkExecutorLease implements ExecutorLease {
  private static final System.Logger LOG = System.getLogger(ZkExecutorLease.class.getName());
  private static final Duration HOLDER_REFRESH = Duration.ofSeconds(2);
  // How long close waits for an interrupted term to hand its election znode back.
  private static final Duration TERM_EXIT = Duration.ofSeconds(1);
  private static final Duration RETRY_TERM = Duration.ofSeconds(1);

  private final Vertx vertx;
  private final ZkSession session;
  private final String observer;
  private final List<Consumer<Optional<Grant>>> listeners = new CopyOnWriteArrayList<>();
  private final AtomicReference<Grant> grant = new AtomicReference<>();
  // Orders grant changes and their notifications between the leader and the Curator event thread.
  private final Object lock = new Object();
  private long losses; // guarded by lock: session losses seen, so a term started before one is void
  private boolean closed; // guarded by lock
  private volatile String holder = "";
  private volatile Context context;
  private volatile LeaderSelector selector;
  private volatile ExecutorService leaderThread;
  private long refreshTimer = -1; // guarded by lock
  private boolean refreshing;

  ZkExecutorLease(Vertx vertx, ZkSession session, String observer) {
    this.vertx = vertx;
    this.session = session;
    this.observer = observer;
  }

  /**
   * A lease on its own Curator client; {@link ZkRunMirror#sharing} adds the mirror on the same
   * client. Nothing connects before {@link #start}.
   *
   * @param observer this observer's name, the {@link Grant#holder} of its grants
   */
  public static ZkExecutorLease create(Vertx vertx, ZooKeeperConfig config, String observer) {
    return new ZkExecutorLease(vertx, ZkSession.create(vertx, config), observer);
  }

  ZkSession session() {
    return session;
  }

  /**
   * Connects and joins the election. Completes without waiting for ZooKeeper to answer: an
   * unreachable ensemble leaves the lease unheld (and detection running) rather than failing the
   * daemon; only a malformed connect string fails it.
   */
  @Override
  public Future<Void> start() {
    context = vertx.getOrCreateContext();
    // Our own thread, so close can wait for the term to release its znode before the client goes.
    ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "drwatch-lease-" + observer);
      t.setDaemon(true);
      return t;
    });
    leaderThread = thread;
    LeaderSelector s =
        new LeaderSelector(session.client, session.electionPath, thread, new Term());
    s.setId(observer);
    s.autoRequeue();
    selector = s;
    return session.start()
        .compose(v -> session.call("join election", () -> {
          s.start();
          return (Void) null;
        }))
        .onSuccess(v -> {
          synchronized (lock) {
            if (!closed) { // close may have come first; the timer must not outlive it
              refreshTimer = vertx.setPeriodic(0, HOLDER_REFRESH.toMillis(), id -> refreshHolder());
            }
          }
        });
  }

  @Override
  public Optional<Grant> current() {
    return Optional.ofNullable(grant.get());
  }

  @Override
  public String holder() {
    return holder;
  }

  @Override
  public void onChange(Consumer<Optional<Grant>> listener) {
    listeners.add(listener);
  }

  /** Gives the lease up, leaves the election and closes the client (and so the mirror). */
  @Override
  public Future<Void> close() {
    synchronized (lock) {
      if (closed) {
        return Future.succeededFuture();
      }
      closed = true;
      drop();
      if (refreshTimer >= 0) {
        vertx.cancelTimer(refreshTimer);
      }
    }
    LeaderSelector s = selector;
    ExecutorService thread = leaderThread;
    return session.close(() -> {
      if (s != null) {
        s.close();
        thread.shutdownNow();
        thread.awaitTermination(TERM_EXIT.toMillis(), TimeUnit.MILLISECONDS);
      }
      return (Void) null;
    });
  }

  // Caller holds lock.
  private void drop() {
    holder = "";
    if (grant.getAndSet(null) != null) {
      publish(Optional.empty());
    }
  }

  // Caller holds lock, so notifications reach the context in the order the grant changed.
  private void publish(Optional<Grant> value) {
    Context ctx = context;
    if (ctx != null) {
      ctx.runOnContext(v -> listeners.forEach(l -> l.accept(value)));
    }
  }

  private void refreshHolder() {
    LeaderSelector s = selector;
    if (refreshing || grant.get() != null || s == null) {
      return;
    }
    refreshing = true;
    session.call("read leader", () -> s.getLeader().getId())
        .onComplete(ar -> {
          refreshing = false;
          if (grant.get() == null) {
            holder = ar.succeeded() ? ar.result() : "";
          }
        });
  }

  /** One term of leadership, and the connection events that end it. */
  private final class Term implements LeaderSelectorListener {
    @Override
    public void takeLeadership(CuratorFramework client) throws Exception {
      long seen;
      synchronized (lock) {
        if (closed) {
          return;
        }
        seen = losses;
      }
      EpochCounter.Term term;
      try {
        term = session.epochs.bump(client);
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        // Give the term back, but not at once: a damaged epoch znode would otherwise make every
        // observer win and fail in a tight loop.
        LOG.log(Level.ERROR, "cannot take epoch for " + observer + ": " + e.getMessage());
        Thread.sleep(RETRY_TERM.toMillis());
        return;
      }
      Grant granted = new Grant(observer, term.epoch());
      synchronized (lock) {
        // A loss while the CAS ran voids the term: the epoch is burnt, which is harmless.
        if (closed || losses != seen || Thread.currentThread().isInterrupted()) {
          return;
        }
        grant.set(granted);
        holder = observer;
        publish(Optional.of(granted));
      }
      LOG.log(Level.INFO, "executor lease granted to " + observer + ", epoch " + term.epoch());
      try {
        new CountDownLatch(1).await(); // the term lasts until the interrupt: loss or close
      } finally {
        synchronized (lock) {
          if (grant.compareAndSet(granted, null)) {
            holder = "";
            publish(Optional.empty());
          }
        }
        LOG.log(Level.INFO, "executor lease epoch " + term.epoch() + " ended for " + observer);
      }
    }

    @Override
    public void stateChanged(CuratorFramework client, ConnectionState state) {
      if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
        synchronized (lock) {
          losses++;
          drop();
        }
        // Interrupts the term (or the wait for one), which releases the election znode.
        throw new CancelLeadershipException();
      }
    }
  }
}
