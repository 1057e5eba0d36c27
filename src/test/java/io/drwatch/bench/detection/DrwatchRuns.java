package io.drwatch.bench.detection;

import io.drwatch.lab.PostgresPair;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * drwatch's side of the detection bench: {@code kill -9} of the PostgreSQL primary until every
 * observer has declared, repeated; then 2 s freezes of the whole primary (postmaster and every
 * backend, the WAL sender included) every 5 s, counting the freezes that got declared.
 */
public final class DrwatchRuns {
  private static final long FREEZE_MS = 2_000;
  private static final long FREEZE_EVERY_MS = 5_000;

  private final Path jar;
  private final Path dir;
  private final PostgresPair pg;

  public DrwatchRuns(Path jar, Path dir, PostgresPair pg) {
    this.jar = jar;
    this.dir = dir;
    this.pg = pg;
  }

  public Row run(DrwatchRig.Setup setup, int kills, long freezeSeconds) throws IOException {
    return run(List.of(setup), kills, freezeSeconds).get(0);
  }

  /**
   * The setups watch the same primary at once, each its own group of daemons, so that every kill
   * and every freeze is measured for all of them.
   */
  public List<Row> run(List<DrwatchRig.Setup> setups, int kills, long freezeSeconds)
      throws IOException {
    List<DrwatchRig> rigs = new ArrayList<>();
    try {
      for (DrwatchRig.Setup s : setups) {
        Path runDir = Files.createTempDirectory(dir, "drwatch-" + s.observers() + "-");
        rigs.add(DrwatchRig.start(jar, runDir, pg, s));
      }
      // Started together, so their JVMs warm up side by side.
      Poll.until(Duration.ofSeconds(180), "every daemon up, clear and HEALTHY",
          () -> allClear(rigs));
      // One kill first, not counted: a cold JVM's first failure loads and compiles the failure
      // paths, which takes seconds on a busy 2-core machine (Sentinel gets the same warm-up).
      long[] warm = killOnce(rigs);
      log("warm-up kill (not counted): %s ms", java.util.Arrays.toString(warm));
      List<List<Long>> declared = new ArrayList<>();
      rigs.forEach(r -> declared.add(new ArrayList<>()));
      for (int i = 0; i < kills; i++) {
        long[] ms = killOnce(rigs);
        for (int r = 0; r < rigs.size(); r++) {
          if (ms[r] >= 0) {
            declared.get(r).add(ms[r]);
          }
          log("%s kill %d: %s", setups.get(r).describe(), i + 1,
              ms[r] >= 0 ? ms[r] + " ms" : "not declared");
        }
      }
      int freezes = (int) (freezeSeconds * 1000 / FREEZE_EVERY_MS);
      int[] falseDeclared = freezes(rigs, freezes);
      List<Row> rows = new ArrayList<>();
      for (int r = 0; r < rigs.size(); r++) {
        rows.add(new Row("drwatch", setups.get(r).describe(), kills, declared.get(r), freezes,
            falseDeclared[r], null, -1));
      }
      return rows;
    } finally {
      rigs.forEach(DrwatchRig::close);
    }
  }

  private static boolean allClear(List<DrwatchRig> rigs) {
    return rigs.stream().allMatch(DrwatchRig::allClear);
  }

  /** Per rig, kill to declared on every one of its observers; -1 when not within 30 s. */
  private long[] killOnce(List<DrwatchRig> rigs) throws IOException {
    Poll.until(Duration.ofSeconds(60), "every observer clear and HEALTHY", () -> allClear(rigs));
    long[][] first = new long[rigs.size()][];
    for (int r = 0; r < rigs.size(); r++) {
      first[r] = new long[rigs.get(r).size()];
    }
    long killed = System.nanoTime();
    pg.killPrimary();
    log("killed the primary");
    Poll.within(Duration.ofSeconds(30), () -> {
      boolean every = true;
      for (int r = 0; r < rigs.size(); r++) {
        List<JsonObject> s = rigs.get(r).statuses();
        long now = System.nanoTime();
        for (int i = 0; i < s.size(); i++) {
          if (first[r][i] == 0 && DrwatchRig.declared(s.get(i))) {
            first[r][i] = now;
          }
          every &= first[r][i] != 0;
        }
      }
      return every;
    });
    pg.startPrimary();
    pg.restoreLink();
    long[] ms = new long[rigs.size()];
    for (int r = 0; r < rigs.size(); r++) {
      long last = 0;
      for (long t : first[r]) {
        last = t == 0 || last < 0 ? -1 : Math.max(last, t);
      }
      ms[r] = last < 0 ? -1 : (last - killed) / 1_000_000;
    }
    return ms;
  }

  /** Per rig, the freezes during (or within 3 s after) which any of its observers declared. */
  private int[] freezes(List<DrwatchRig> rigs, int freezes) throws IOException {
    Poll.until(Duration.ofSeconds(60), "every observer clear and HEALTHY", () -> allClear(rigs));
    int[] declared = new int[rigs.size()];
    for (int i = 0; i < freezes; i++) {
      long start = System.nanoTime();
      long postmaster = Signals.postmaster(pg.dir().resolve("primary"));
      Thread freezer = new Thread(() -> {
        try {
          Signals.freeze(postmaster, FREEZE_MS);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      });
      freezer.start();
      boolean[] seen = new boolean[rigs.size()];
      Poll.within(Duration.ofMillis(FREEZE_EVERY_MS - 100), () -> {
        for (int r = 0; r < rigs.size(); r++) {
          seen[r] |= rigs.get(r).statuses().stream().anyMatch(DrwatchRig::declared);
        }
        return false;
      });
      join(freezer);
      boolean any = false;
      for (int r = 0; r < rigs.size(); r++) {
        if (seen[r]) {
          declared[r]++;
          any = true;
          log("%s freeze %d: DECLARED (false)", rigs.get(r), i + 1);
        }
      }
      if (any) {
        Poll.until(Duration.ofSeconds(60), "clear after a false declaration",
            () -> allClear(rigs));
      }
      long left = FREEZE_EVERY_MS - (System.nanoTime() - start) / 1_000_000;
      if (left > 0) {
        Poll.sleep(left);
      }
    }
    return declared;
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void log(String format, Object... args) {
    // Timestamped as the daemons' log lines are, so a kill lines up with their verdicts.
    System.err.printf(java.time.Instant.now() + " detection bench: " + format + "%n", args);
  }
}
