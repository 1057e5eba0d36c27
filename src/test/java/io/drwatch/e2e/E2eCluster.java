package io.drwatch.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;

/**
 * Issue 10's lab: three observers (real daemon processes, each its own Unix user {@code
 * drw-obs1..3}, each the others' {@code detection.peers}) watching one real PostgreSQL primary and
 * its streaming standby, a three-server ZooKeeper ensemble ({@link TestingCluster}) in this JVM
 * for the executor lease, and a {@link CountingSink} as the runbook's webhook. The standby
 * replicates through a {@link StandbyLink} so its upstream can be cut; {@link #partitionObs1()}
 * cuts observer 1 off with nftables, leaving it only the standby.
 *
 * <p>{@code -Ddrwatch.e2e.coordination=false} leaves the {@code coordination} section out of the
 * configs: today's config loader rejects it, and without it the scenarios run against today's
 * daemon to show which product guarantee is missing.
 */
final class E2eCluster implements AutoCloseable {
  static final String TOKEN = "e2e-operator-token";
  static final int FAILURES_TO_SUSPECT = 3;
  static final Duration INTERVAL = Duration.ofSeconds(1);
  static final Duration HOLD_FOR = Duration.ofSeconds(2);
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
  /** failuresToSuspect x interval + holdFor: what detection needs at least. */
  static final Duration DETECTION = INTERVAL.multipliedBy(FAILURES_TO_SUSPECT).plus(HOLD_FOR);

  private static volatile E2eCluster current;

  final Path base;
  final PostgresPair pg;
  final StandbyLink link;
  final TestingCluster zk;
  final CountingSink sink;
  final List<Observer> observers = new ArrayList<>();
  final boolean coordination;
  /** {@code runbook.mode}: auto for the scenarios; the self-check uses approval so nothing acts. */
  final String mode;
  private Partition partition;
  private final long t0 = System.nanoTime();
  private final StringBuilder timeline = new StringBuilder();

  private E2eCluster(Path base, PostgresPair pg, StandbyLink link, TestingCluster zk, CountingSink sink,
      boolean coordination, String mode) {
    this.coordination = coordination;
    this.mode = mode;
    this.base = base;
    this.pg = pg;
    this.link = link;
    this.zk = zk;
    this.sink = sink;
  }

  static E2eCluster current() {
    return current;
  }

  /** Everything up, every observer ready and seeing both peers. Closes what it started on failure. */
  static E2eCluster start(String scenario) throws Exception {
    return start(scenario, Boolean.parseBoolean(System.getProperty("drwatch.e2e.coordination", "true")), "auto");
  }

  static E2eCluster start(String scenario, boolean coordination, String mode) throws Exception {
    long t = System.nanoTime();
    Partition.deleteTable(); // a leftover from a killed run must not cut this one
    Path base = Files.createTempDirectory("drwatch-e2e-" + scenario + "-");
    Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
    List<AutoCloseable> started = new ArrayList<>();
    try {
      CountingSink sink = new CountingSink();
      started.add(sink);
      TestingCluster zk = zookeeper();
      started.add(zk);
      PostgresPair pg = PostgresPair.start(Path.of(System.getProperty("java.io.tmpdir")), 0, 0, Duration.ZERO);
      started.add(pg);
      StandbyLink link = new StandbyLink(pg.primaryPort());
      started.add(link);
      E2eCluster c = new E2eCluster(base, pg, link, zk, sink, coordination, mode);
      current = c;
      c.mark("pg pair, ZooKeeper x3 and sink up");
      c.routeStandbyThroughLink();
      c.mark("standby streams through the link proxy :" + link.port());
      List<E2eUser> users = List.of(E2eUser.ensure("drw-obs1"), E2eUser.ensure("drw-obs2"), E2eUser.ensure("drw-obs3"));
      int[] ports = {FreePorts.pick(), FreePorts.pick(), FreePorts.pick()};
      for (int i = 0; i < 3; i++) {
        c.observers.add(new Observer("obs" + (i + 1), users.get(i), ports[i], base));
      }
      started.add(c);
      for (Observer o : c.observers) {
        o.writeConfig(c.config(o));
        o.start();
      }
      c.awaitReady();
      // The RPO gate never promotes on an unknown RPO: a primary killed before every observer
      // measured one would block the run (rightly), whatever the scenario is about.
      Await.until(Duration.ofSeconds(30), "every observer has measured the channels' RPO",
          () -> c.observers.stream().allMatch(Observer::rpoKnown));
      c.mark("3 observers ready and seeing each other");
      System.out.printf("[e2e %s] cluster up in %d ms: %s, %s, zk=%s, sink=:%d, standby link :%d%n", scenario,
          Await.elapsedMillis(t), c.observers, pg, zk.getConnectString(), sink.port(), link.port());
      return c;
    } catch (Throwable e) {
      if (current != null) {
        System.err.println(current.dump("cluster start failed: " + e));
      }
      for (int i = started.size() - 1; i >= 0; i--) {
        try {
          started.get(i).close();
        } catch (Exception ex) {
          e.addSuppressed(ex);
        }
      }
      current = null;
      throw e;
    }
  }

  /**
   * Three servers on ports from {@link FreePorts} (distinct within this JVM): curator-test's own
   * random picks once handed one server the same client and election port.
   */
  private static TestingCluster zookeeper() throws Exception {
    List<InstanceSpec> specs = new ArrayList<>();
    for (int id = 1; id <= 3; id++) {
      specs.add(new InstanceSpec(null, FreePorts.pick(), FreePorts.pick(), FreePorts.pick(), true, id));
    }
    TestingCluster zk = new TestingCluster(specs.toArray(InstanceSpec[]::new));
    try {
      zk.start();
    } catch (Exception e) {
      zk.close();
      throw e;
    }
    return zk;
  }

  Observer obs(int n) {
    return observers.get(n - 1);
  }

  String config(Observer o) {
    String peers = observers.stream().filter(x -> x != o).map(x -> "\"http://127.0.0.1:" + x.httpPort + "\"")
        .collect(Collectors.joining(", "));
    String coord = !coordination ? "" : """
        coordination:
          zookeeper: { connect: "%s", path: /drwatch/e2e, sessionTimeout: %ds }
        """.formatted(zk.getConnectString(), SESSION_TIMEOUT.toSeconds());
    return """
        observer: { name: %s }
        http: { host: 127.0.0.1, port: %d }
        channels:
          - name: orders-db
            kind: postgres
            primary: { url: "%s" }
            replica: { url: "%s" }
            heartbeat: { interval: 500ms, timeout: 400ms }
        detection:
          tick: 500ms
          targets:
            - { name: db-primary, probe: postgres, address: "%s", interval: %ds, timeout: 800ms,
                failuresToSuspect: %d, successesToClear: 2, channels: [orders-db] }
          quorum: { require: [probes, replication], minSignals: 2, holdFor: %ds }
          peers: [%s]
          peerToken: e2e-peer-token
        state: { dir: "%s" }
        %srunbook:
          token: %s
          mode: %s
          maxDataLoss: 1h
          drainWait: 2s
          cooldown: 1s
          steps:
            - { id: promote-db, action: pg-promote, channel: orders-db, timeout: 30s, expected: 2s,
                params: { url: "%s" } }
            - { id: notify, action: webhook, after: [promote-db], timeout: 30s, expected: 1s,
                params: { url: "%s", checkUrl: "%s", timeoutSeconds: "20" } }
        """.formatted(o.name, o.httpPort, pg.primaryUrl(), pg.standbyUrl(), pg.primaryUrl(),
        INTERVAL.toSeconds(), FAILURES_TO_SUSPECT, HOLD_FOR.toSeconds(), peers, o.stateDir, coord,
        TOKEN, mode, pg.standbyUrl(), sink.url("/notify"), sink.url("/notified"));
  }

  /** The standby's primary_conninfo points at the link proxy; wal_receiver_timeout 2 s notices a silent cut. */
  private void routeStandbyThroughLink() throws IOException {
    pg.psqlStandby("ALTER SYSTEM SET primary_conninfo = 'host=127.0.0.1 port=" + link.port()
        + " user=postgres application_name=standby connect_timeout=2'");
    pg.psqlStandby("ALTER SYSTEM SET wal_receiver_timeout = '2s'");
    pg.psqlStandby("SELECT pg_reload_conf()");
    Await.until(Duration.ofSeconds(20), "standby streaming through the link proxy", () -> String.valueOf(link.port())
        .equals(pg.psqlStandby("SELECT sender_port FROM pg_stat_wal_receiver WHERE status = 'streaming'")));
  }

  boolean standbyStreaming() throws IOException {
    return "1".equals(pg.psqlStandby("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'"));
  }

  boolean standbyInRecovery() throws IOException {
    return "t".equals(pg.psqlStandby("SELECT pg_is_in_recovery()"));
  }

  /** The timeline the (former) standby writes or replays on: 1 before any promotion. */
  long standbyTimeline() throws IOException {
    String tli = standbyInRecovery()
        ? pg.psqlStandby("SELECT received_tli FROM pg_stat_wal_receiver")
        : pg.psqlStandby("SELECT substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8)");
    if (tli.isEmpty()) {
      tli = pg.psqlStandby("SELECT timeline_id FROM pg_control_checkpoint()");
      return Long.parseLong(tli);
    }
    return standbyInRecovery() ? Long.parseLong(tli) : Long.parseLong(tli, 16);
  }

  /** How many times the standby's server log says it promoted ("selected new timeline ID"). */
  int promotionsInStandbyLog() throws IOException {
    Path log = pg.dir().resolve("standby.log");
    if (!Files.exists(log)) {
      return -1;
    }
    return (int) Files.readAllLines(log).stream().filter(l -> l.contains("selected new timeline ID")).count();
  }

  void awaitReady() {
    Await.until(Duration.ofSeconds(90), "all observers answer /healthz", () -> {
      for (Observer o : observers) {
        if (!o.alive()) {
          throw new AssertionError(o + " exited:\n" + o.logTail(40));
        }
      }
      return observers.stream().allMatch(Observer::ready);
    });
    Await.until(Duration.ofSeconds(30), "every observer sees all three observers' reports",
        () -> observers.stream().allMatch(this::seesAll));
  }

  private boolean seesAll(Observer o) {
    try {
      JsonNode targets = o.status().path("detection").path("targets");
      if (!targets.isArray() || targets.isEmpty()) {
        return false;
      }
      Set<String> seen = new HashSet<>();
      targets.get(0).path("observers").forEach(r -> seen.add(r.path("observer").asText()));
      return seen.containsAll(observers.stream().map(x -> x.name).toList());
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Observer 1 and the standby's upstream cut off; obs1 keeps only the standby. */
  Partition partitionObs1() throws IOException {
    partition = new Partition(obs(1).user, obs(1).httpPort, List.of(pg.standbyPort()),
        List.of(obs(2).user, obs(3).user));
    partition.cut();
    link.cut();
    mark("partition: obs1 + standby upstream cut");
    return partition;
  }

  void heal() throws IOException {
    if (partition != null) {
      partition.heal();
    }
    link.heal();
    mark("healed");
  }

  void killPrimary() throws IOException {
    pg.killPrimary();
    mark("primary postmaster SIGKILLed");
  }

  /** Observers whose journal holds an execute run. */
  List<Observer> executors() throws IOException {
    List<Observer> out = new ArrayList<>();
    for (Observer o : observers) {
      if (!o.executeRuns().isEmpty()) {
        out.add(o);
      }
    }
    return out;
  }

  int executeRunsEverywhere() throws IOException {
    int n = 0;
    for (Observer o : observers) {
      n += o.executeRuns().size();
    }
    return n;
  }

  void mark(String what) {
    String line = String.format("%7d ms  %s%n", Await.elapsedMillis(t0), what);
    synchronized (timeline) {
      timeline.append(line);
    }
    System.out.print("[e2e] " + line);
  }

  String dump(String why) {
    StringBuilder sb = new StringBuilder("\n======== e2e dump: ").append(why).append(" ========\n");
    synchronized (timeline) {
      sb.append("timeline:\n").append(timeline);
    }
    for (Observer o : observers) {
      sb.append(o.logTail(60));
    }
    sb.append(sink.summary()).append('\n');
    try {
      sb.append("nft table: ").append(Partition.listTable().strip()).append('\n');
    } catch (IOException e) {
      sb.append("nft: ").append(e).append('\n');
    }
    try {
      sb.append("standby: in recovery=").append(standbyInRecovery()).append(", streaming=").append(standbyStreaming())
          .append('\n');
    } catch (IOException e) {
      sb.append("standby: ").append(e.getMessage()).append('\n');
    }
    return sb.append("======== end of dump ========\n").toString();
  }

  @Override
  public void close() throws Exception {
    Exception first = null;
    try {
      Partition.deleteTable();
    } catch (IOException e) {
      first = e;
    }
    for (Observer o : observers) {
      try {
        o.kill9();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AutoCloseable c : new AutoCloseable[] {link, pg, zk, sink}) {
      try {
        c.close();
      } catch (Exception e) {
        if (first == null) {
          first = e;
        }
      }
    }
    if (current == this) {
      current = null;
    }
    if (first != null) {
      throw first;
    }
  }
}
