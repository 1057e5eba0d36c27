package io.drwatch.bench.detection;

import io.drwatch.lab.Binaries;
import io.drwatch.lab.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Redis primary and replica with three Sentinels (quorum 2) on loopback, and every event the
 * Sentinels publish, stamped on arrival.
 */
final class SentinelRig implements AutoCloseable {
  static final String MASTER = "mymaster";

  /** One published Sentinel event. */
  record Event(long nanos, int sentinel, String channel, String payload) {}

  private final Path dir;
  private final Map<Integer, Process> redis = new LinkedHashMap<>();
  private final List<Process> sentinels = new ArrayList<>();
  private final List<Integer> sentinelPorts = new ArrayList<>();
  private final List<Event> events = Collections.synchronizedList(new ArrayList<>());
  private final List<Resp> subscriptions = new ArrayList<>();
  private volatile boolean closed;

  private SentinelRig(Path dir) {
    this.dir = dir;
  }

  static SentinelRig start(Path dir, long downAfterMs) throws IOException {
    SentinelRig rig = new SentinelRig(dir);
    // Daemons and servers outlive the JVM: its shutdown hook stops them on Ctrl-C or SIGTERM.
    io.drwatch.lab.LabProcesses.register(rig);
    try {
      int primary = FreePorts.pick();
      rig.startRedis(primary, 0);
      rig.startRedis(FreePorts.pick(), primary);
      for (int i = 0; i < 3; i++) {
        rig.startSentinel(i, primary, downAfterMs);
      }
      Poll.until(Duration.ofSeconds(60), "sentinels to see the replica and each other",
          () -> rig.sentinelPorts.stream().allMatch(p -> {
            Map<String, String> m = pairs(rig.sentinel(p, "SENTINEL", "MASTER", MASTER));
            return "1".equals(m.get("num-slaves")) && "2".equals(m.get("num-other-sentinels"));
          }));
      for (int i = 0; i < 3; i++) {
        rig.subscribe(i);
      }
      return rig;
    } catch (IOException | RuntimeException e) {
      rig.close();
      throw e;
    }
  }

  void startRedis(int port, int replicaOf) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Binaries.redisServer().toString(), "--port",
        Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
        "--dir", dir.toString(), "--logfile", dir.resolve("redis-" + port + ".log").toString(),
        "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"));
    if (replicaOf > 0) {
      cmd.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(replicaOf)));
    }
    redis.put(port, new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis-" + port + ".out").toFile()).start());
    Poll.until(Duration.ofSeconds(20), "redis on " + port, () -> role(port) != null);
  }

  private void startSentinel(int i, int primary, long downAfterMs) throws IOException {
    int port = FreePorts.pick();
    Path conf = dir.resolve("sentinel-" + i + ".conf");
    // failover-timeout also keeps a Sentinel that voted from starting its own failover for
    // twice as long: short, so that kill after kill each gets its failover.
    Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1",
        "daemonize no", "dir " + dir, "logfile " + dir.resolve("sentinel-" + i + ".log"),
        "sentinel monitor " + MASTER + " 127.0.0.1 " + primary + " 2",
        "sentinel down-after-milliseconds " + MASTER + " " + downAfterMs,
        "sentinel failover-timeout " + MASTER + " 3000",
        "sentinel parallel-syncs " + MASTER + " 1", ""));
    Path bin = Path.of("/usr/bin/redis-sentinel");
    List<String> cmd = Files.isExecutable(bin) ? List.of(bin.toString(), conf.toString())
        : List.of(Binaries.redisServer().toString(), conf.toString(), "--sentinel");
    sentinels.add(new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("sentinel-" + i + ".out").toFile()).start());
    sentinelPorts.add(port);
    Poll.until(Duration.ofSeconds(20), "sentinel on " + port,
        () -> !sentinel(port, "PING").isEmpty());
  }

  private void subscribe(int i) throws IOException {
    Resp sub = new Resp(sentinelPorts.get(i), 2_000);
    sub.send("SUBSCRIBE", "+odown", "+switch-master", "+sdown");
    subscriptions.add(sub);
    Thread t = new Thread(() -> {
      try {
        sub.timeout(0);
        while (!closed) {
          List<String> msg = sub.read();
          if (msg.size() == 3 && "message".equals(msg.get(0))) {
            events.add(new Event(System.nanoTime(), i, msg.get(1), msg.get(2)));
          }
        }
      } catch (IOException e) {
        // closed
      }
    }, "sentinel-events-" + i);
    t.setDaemon(true);
    t.start();
  }

  /** A reply from a Sentinel, or empty when it did not answer within 1 s. */
  List<String> sentinel(int port, String... args) {
    try {
      return Resp.call(port, 1_000, args);
    } catch (IOException e) {
      return List.of();
    }
  }

  /** "master" or "slave", or null when the node did not answer within 100 ms (frozen, dead). */
  String role(int port) {
    try {
      List<String> r = Resp.call(port, 100, "ROLE");
      return r.isEmpty() ? null : r.get(0);
    } catch (IOException e) {
      return null;
    }
  }

  /** The master's port as the first Sentinel answers. */
  int masterPort() {
    List<String> addr = sentinel(sentinelPorts.get(0), "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
        MASTER);
    return addr.size() == 2 ? Integer.parseInt(addr.get(1)) : -1;
  }

  Process process(int port) {
    return redis.get(port);
  }

  List<Integer> redisPorts() {
    return List.copyOf(redis.keySet());
  }

  /** Every Sentinel agrees on the master and sees {@code replica} as a healthy replica of it. */
  boolean settled(int master, int replica) {
    for (int port : sentinelPorts) {
      List<String> addr = sentinel(port, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
      if (addr.size() != 2 || Integer.parseInt(addr.get(1)) != master) {
        return false;
      }
      boolean ok = records(sentinel(port, "SENTINEL", "REPLICAS", MASTER)).stream()
          .anyMatch(r -> String.valueOf(replica).equals(r.get("port"))
              && "slave".equals(r.get("flags")) && "ok".equals(r.get("master-link-status")));
      if (!ok) {
        return false;
      }
    }
    return "slave".equals(role(replica));
  }

  List<Event> events(String channel, long sinceNanos) {
    synchronized (events) {
      return events.stream().filter(e -> e.channel().equals(channel) && e.nanos() >= sinceNanos)
          .toList();
    }
  }

  static Map<String, String> pairs(List<String> flat) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      m.put(flat.get(i), flat.get(i + 1));
    }
    return m;
  }

  /** Key/value records, each starting at its "name" key. */
  private static List<Map<String, String>> records(List<String> flat) {
    List<Map<String, String>> all = new ArrayList<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      if ("name".equals(flat.get(i)) || all.isEmpty()) {
        all.add(new HashMap<>());
      }
      all.get(all.size() - 1).put(flat.get(i), flat.get(i + 1));
    }
    return all;
  }

  @Override
  public void close() {
    io.drwatch.lab.LabProcesses.unregister(this);
    closed = true;
    for (Resp s : subscriptions) {
      try {
        s.close();
      } catch (IOException e) {
        // best effort
      }
    }
    List<Process> all = new ArrayList<>(sentinels);
    all.addAll(redis.values());
    all.forEach(p -> {
      // A frozen process ignores SIGTERM until thawed; kill -9 needs no thaw.
      p.destroyForcibly();
    });
    for (Process p : all) {
      try {
        p.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
