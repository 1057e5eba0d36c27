package io.drwatch.adapter.coordination;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

/**
 * The cluster's fencing epoch: one znode whose data is the last granted epoch as decimal text.
 * A new holder reads it with its version and writes epoch + 1 on that version only, so two grants
 * can never share an epoch and epochs survive every restart (they live in ZooKeeper). The version
 * the write produced is remembered: a fenced append checks that the znode still has it, which
 * proves no grant came after.
 */
final class EpochCounter {

  /** An epoch this observer was granted, and the epoch znode's version that recorded it. */
  record Term(long epoch, int version) {}

  // A lost race means another grant happened in between; a few tries, then give the lead back.
  private static final int ATTEMPTS = 3;

  private final String path;
  private final Map<Long, Integer> versions = new ConcurrentHashMap<>();

  EpochCounter(String path) {
    this.path = path;
  }

  /** Blocking: creates the znode at 0 if absent, then increments it by compare-and-set. */
  Term bump(CuratorFramework client) throws Exception {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Stat stat = new Stat();
      byte[] data;
      try {
        data = client.getData().storingStatIn(stat).forPath(path);
      } catch (KeeperException.NoNodeException e) {
        create(client);
        continue;
      }
      long next = parse(data) + 1;
      try {
        Stat written = client.setData().withVersion(stat.getVersion())
            .forPath(path, Long.toString(next).getBytes(UTF_8));
        versions.put(next, written.getVersion());
        return new Term(next, written.getVersion());
      } catch (KeeperException.BadVersionException e) {
        // Someone else's grant landed between our read and write; read again.
      }
    }
    throw new IllegalStateException("lost the race for " + path + " " + ATTEMPTS + " times");
  }

  /** The version that recorded {@code epoch}, if this observer was granted it. */
  OptionalInt versionOf(long epoch) {
    Integer version = versions.get(epoch);
    return version == null ? OptionalInt.empty() : OptionalInt.of(version);
  }

  private void create(CuratorFramework client) throws Exception {
    try {
      client.create().creatingParentsIfNeeded().forPath(path, "0".getBytes(UTF_8));
    } catch (KeeperException.NodeExistsException e) {
      // Another observer created it first: fine, read theirs.
    }
  }

  private long parse(byte[] data) {
    String text = data == null ? "" : new String(data, UTF_8).strip();
    try {
      long epoch = Long.parseLong(text);
      if (epoch >= 0) {
        return epoch;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    // Restarting from 0 could hand out an epoch again; refusing keeps fencing sound.
    throw new IllegalStateException(
        "znode " + path + " must hold the last epoch as a number >= 0, was \"" + text + "\"");
  }
}
