package io.drwatch.adapter.coordination;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.drwatch.port.LeaseFailure;
import io.drwatch.port.RunMirror;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * The run mirror on ZooKeeper: one persistent sequential znode per line under {@code
 * path/journal/} ({@code line-0000000000}, ...), data = the line in UTF-8, read back in sequence
 * order. ZooKeeper assigns the sequence numbers, so lines from every observer share one order.
 *
 * <p>Fencing: {@link #append} is one ZooKeeper transaction of two operations, a version check on
 * the epoch znode and the create. The version is the one this observer's lease wrote when it was
 * granted {@code epoch}; any later grant, by anyone, rewrites the znode, so the check fails and
 * the create with it ({@link LeaseFailure.Code#FENCED}, nothing written). An epoch this observer
 * was never granted is refused the same way.
 *
 * <p>Shares the lease's client and worker: usable from the lease's start until its close.
 */
public final class ZkRunMirror implements RunMirror {
  private static final String PREFIX = "line-";

  private final ZkSession session;
  private final boolean ownsSession;
  private volatile boolean parentReady;

  private ZkRunMirror(ZkSession session, boolean ownsSession) {
    this.session = session;
    this.ownsSession = ownsSession;
  }

  /** The mirror on {@code lease}'s ZooKeeper client, under the same path. */
  public static ZkRunMirror sharing(ZkExecutorLease lease) {
    return new ZkRunMirror(lease.session(), false);
  }

  /**
   * A mirror with a client of its own that never joins the election, for a command that only
   * reads the journal or writes an unfenced record ({@code drwatch rearm}); close it after use.
   */
  public static Future<ZkRunMirror> open(io.vertx.core.Vertx vertx, io.drwatch.config.ZooKeeperConfig config) {
    ZkSession own = ZkSession.create(vertx, config);
    return own.start().map(v -> new ZkRunMirror(own, true));
  }

  /** Closes the client if this mirror opened it; a shared one belongs to its lease. */
  public Future<Void> close() {
    return ownsSession ? session.close(() -> null) : Future.succeededFuture();
  }

  @Override
  public Future<Void> append(long epoch, String line) {
    byte[] data = line.getBytes(UTF_8);
    return session.call("fenced append", () -> {
      OptionalInt version = session.epochs.versionOf(epoch);
      if (version.isEmpty()) {
        throw fenced(epoch, "this observer was never granted it");
      }
      CuratorFramework client = session.client;
      ensureParent(client);
      try {
        client.transaction().forOperations(
            client.transactionOp().check().withVersion(version.getAsInt())
                .forPath(session.epochPath),
            client.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(session.journalPath + "/" + PREFIX, data));
      } catch (KeeperException.BadVersionException e) {
        throw fenced(epoch, "a newer epoch was granted since");
      } catch (KeeperException.NoNodeException e) {
        parentReady = false; // deleted by hand: recreate on the next call; this one is UNAVAILABLE
        throw e;
      }
      return (Void) null;
    });
  }

  @Override
  public Future<Void> appendUnfenced(String line) {
    byte[] data = line.getBytes(UTF_8);
    return session.call("append", () -> {
      ensureParent(session.client);
      session.client.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
          .forPath(session.journalPath + "/" + PREFIX, data);
      return (Void) null;
    });
  }

  @Override
  public Future<List<String>> readAll() {
    return session.call("read journal", () -> {
      CuratorFramework client = session.client;
      List<String> children;
      try {
        children = new ArrayList<>(client.getChildren().forPath(session.journalPath));
      } catch (KeeperException.NoNodeException e) {
        return List.of();
      }
      // Same prefix, zero-padded sequence: name order is sequence order.
      children.sort(null);
      List<String> lines = new ArrayList<>(children.size());
      for (String child : children) {
        try {
          lines.add(new String(client.getData().forPath(session.journalPath + "/" + child),
              UTF_8));
        } catch (KeeperException.NoNodeException e) {
          // Deleted by hand since the listing: it is no longer part of the journal.
        }
      }
      return lines;
    });
  }

  // The parent must exist before a transaction creates under it; it is never deleted by drwatch.
  private void ensureParent(CuratorFramework client) throws Exception {
    if (parentReady) {
      return;
    }
    try {
      client.create().creatingParentsIfNeeded().forPath(session.journalPath);
    } catch (KeeperException.NodeExistsException e) {
      // Created before, by us or another observer.
    }
    parentReady = true;
  }

  private static LeaseFailure fenced(long epoch, String why) {
    return new LeaseFailure(LeaseFailure.Code.FENCED,
        "append under epoch " + epoch + " refused: " + why);
  }
}
