package io.drwatch.adapter.coordination;

import io.drwatch.config.ZooKeeperConfig;
import io.drwatch.port.LeaseFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.BoundedExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

/**
 * One Curator client shared by the lease and the mirror of an observer, with the znode layout
 * under {@code path} and the worker thread on which every blocking Curator call runs.
 *
 * <pre>
 * path/election/   LeaderSelector's lock znodes (ephemeral sequential, data = observer name)
 * path/epoch       the fencing epoch, decimal text; bumped by a versioned set on each grant
 * path/journal/    the run mirror, one persistent sequential znode per line (line-0000000000 ...)
 * </pre>
 */
final class ZkSession {

  // Retries stay well inside one operation timeout, so a worker call never outlives it by much.
  private static final int RETRY_BASE_MS = 100;
  private static final int RETRY_MAX_MS = 1_000;
  private static final int RETRIES = 3;
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  final CuratorFramework client;
  final String electionPath;
  final String epochPath;
  final String journalPath;
  final EpochCounter epochs;
  private final Vertx vertx;
  private final WorkerExecutor worker;
  private final Duration timeout;
  private boolean started;

  private ZkSession(Vertx vertx, CuratorFramework client, String path, Duration timeout) {
    this.client = client;
    this.electionPath = path + "/election";
    this.epochPath = path + "/epoch";
    this.journalPath = path + "/journal";
    this.epochs = new EpochCounter(epochPath);
    this.timeout = timeout;
    this.vertx = vertx;
    // One thread: mirror appends keep their call order, and a hung call cannot pile up threads.
    this.worker = vertx.createSharedWorkerExecutor(
        "drwatch-zookeeper-" + SESSIONS.incrementAndGet(), 1);
  }

  static ZkSession create(Vertx vertx, ZooKeeperConfig config) {
    int sessionMs = Math.toIntExact(config.sessionTimeout().toMillis());
    CuratorFramework client =
        CuratorFrameworkFactory.builder()
            .connectString(config.connect())
            .sessionTimeoutMs(sessionMs)
            // A connection attempt longer than a session could not keep the session anyway.
            .connectionTimeoutMs(sessionMs)
            .retryPolicy(new BoundedExponentialBackoffRetry(RETRY_BASE_MS, RETRY_MAX_MS, RETRIES))
            .build();
    return new ZkSession(vertx, client, config.path(), config.sessionTimeout());
  }

  /** Starts the client on the worker: resolving the ensemble's host names may block. */
  Future<Void> start() {
    return call("connect", () -> {
      synchronized (this) {
        if (!started) {
          started = true;
          client.start();
        }
      }
      return null;
    });
  }

  /**
   * Runs a blocking Curator call on the worker, bounded by the session timeout: a call that cannot
   * finish within one session is answering about a session that may be gone. Connection and
   * timeout problems fail with {@link LeaseFailure.Code#UNAVAILABLE}; {@code call} may throw a
   * {@link LeaseFailure} of its own, which passes through.
   */
  <T> Future<T> call(String what, Callable<T> call) {
    return worker.executeBlocking(call, false)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(unavailable(what, e)));
  }

  /**
   * Runs {@code first} (leaving the election), then closes the client, on the shared worker pool
   * rather than this session's one thread: with the ensemble unreachable that thread may sit in a
   * call for a whole session timeout and retries, and a shutdown must not queue behind it.
   * Closing the client is what fails such a call at once.
   */
  Future<Void> close(Callable<Void> first) {
    return vertx.executeBlocking(() -> {
      try {
        first.call();
      } finally {
        client.close();
      }
      return (Void) null;
    }, false).eventually(worker::close);
  }

  private Throwable unavailable(String what, Throwable e) {
    if (e instanceof LeaseFailure) {
      return e;
    }
    String why = e instanceof TimeoutException
        ? "no answer within " + timeout.toMillis() + " ms"
        : e instanceof KeeperException k ? k.code().name() : e.toString();
    return new LeaseFailure(LeaseFailure.Code.UNAVAILABLE,
        "ZooKeeper " + what + " failed: " + why, e);
  }
}
