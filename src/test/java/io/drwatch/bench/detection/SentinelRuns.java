package io.drwatch.bench.detection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sentinel's side: {@code kill -9} of the current Redis master until the first Sentinel reaches
 * ODOWN ({@code +odown}), then its failover and the old master's return as a replica; then 2 s
 * freezes (SIGSTOP) of the current master every 5 s, counting ODOWNs, failovers
 * ({@code +switch-master}) and the time two nodes both answer {@code ROLE} as master.
 */
final class SentinelRuns {
  private static final long FREEZE_MS = 2_000;
  private static final long FREEZE_EVERY_MS = 5_000;

  private final Path dir;

  SentinelRuns(Path dir) {
    this.dir = dir;
  }

  Row run(long downAfterMs, int kills, long freezeSeconds) throws IOException {
    Path runDir = Files.createTempDirectory(dir, "sentinel-" + downAfterMs + "-");
    String setup = "3 Sentinels, quorum 2, down-after " + Stats.secs(downAfterMs);
    try (SentinelRig rig = SentinelRig.start(runDir, downAfterMs)) {
      DrwatchRuns.log("%s warm-up kill (not counted): %s ms", setup, killOnce(rig));
      List<Long> declared = new ArrayList<>();
      for (int i = 0; i < kills; i++) {
        Long ms = killOnce(rig);
        if (ms != null) {
          declared.add(ms);
        }
        DrwatchRuns.log("%s kill %d: %s", setup, i + 1, ms == null ? "no ODOWN" : ms + " ms");
      }
      int freezes = (int) (freezeSeconds * 1000 / FREEZE_EVERY_MS);
      long start = System.nanoTime();
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong dual = new AtomicLong();
      Thread roles = new Thread(() -> watchRoles(rig, stop, dual), "roles");
      roles.start();
      int odowns = 0;
      for (int i = 0; i < freezes; i++) {
        long t0 = System.nanoTime();
        int master = rig.masterPort();
        Signals.freeze(rig.process(master).pid(), FREEZE_MS);
        Poll.sleep(FREEZE_EVERY_MS - FREEZE_MS - 100);
        boolean odown = !rig.events("+odown", t0).isEmpty();
        odowns += odown ? 1 : 0;
        if (odown) {
          DrwatchRuns.log("%s freeze %d: +odown (false)", setup, i + 1);
        }
        long left = FREEZE_EVERY_MS - (System.nanoTime() - t0) / 1_000_000;
        Poll.sleep(Math.max(0, left));
      }
      stop.set(true);
      join(roles);
      int failovers = rig.events("+switch-master", start).stream()
          .map(SentinelRig.Event::payload).distinct().toList().size();
      return new Row("redis-sentinel", setup, kills, declared, freezes, odowns, failovers,
          dual.get());
    }
  }

  /** Kill to the first +odown, then waits for the failover and re-adds the old master. */
  private Long killOnce(SentinelRig rig) throws IOException {
    int master = rig.masterPort();
    int other = rig.redisPorts().stream().filter(p -> p != master).findFirst().orElseThrow();
    Poll.until(Duration.ofSeconds(60), "sentinels settled", () -> rig.settled(master, other));
    long killed = System.nanoTime();
    rig.process(master).destroyForcibly();
    boolean odown = Poll.within(Duration.ofSeconds(30), () -> !rig.events("+odown", killed)
        .isEmpty());
    Long ms = odown ? (rig.events("+odown", killed).get(0).nanos() - killed) / 1_000_000 : null;
    Poll.until(Duration.ofSeconds(60), "failover to " + other,
        () -> !rig.events("+switch-master", killed).isEmpty() && rig.masterPort() == other);
    rig.startRedis(master, other);
    Poll.until(Duration.ofSeconds(60), "old master back as a replica",
        () -> rig.settled(other, master));
    return ms;
  }

  // Every 50 ms: do two nodes both answer ROLE master? A frozen node does not answer.
  private static void watchRoles(SentinelRig rig, AtomicBoolean stop, AtomicLong dualMs) {
    long last = System.nanoTime();
    while (!stop.get()) {
      long masters = rig.redisPorts().stream().map(rig::role).filter("master"::equals).count();
      long now = System.nanoTime();
      if (masters > 1) {
        dualMs.addAndGet((now - last) / 1_000_000);
      }
      last = now;
      Poll.sleep(50);
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
