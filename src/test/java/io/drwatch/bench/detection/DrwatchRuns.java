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
    Path runDir = Files.createTempDirectory(dir, "drwatch-" + setup.observers() + "-");
    try (DrwatchRig rig = DrwatchRig.start(jar, runDir, pg, setup)) {
      List<Long> declared = new ArrayList<>();
      for (int i = 0; i < kills; i++) {
        killOnce(rig).ifPresent(declared::add);
        log("%s kill %d: %s", setup.describe(), i + 1,
            declared.size() > i ? declared.get(declared.size() - 1) + " ms" : "not declared");
      }
      int freezes = (int) (freezeSeconds * 1000 / FREEZE_EVERY_MS);
      int falseDeclared = freezes(rig, freezes);
      return new Row("drwatch", setup.describe(), kills, declared, freezes, falseDeclared, null,
          -1);
    }
  }

  /** Kill to declared on every observer; empty when not within 30 s. */
  private java.util.Optional<Long> killOnce(DrwatchRig rig) throws IOException {
    Poll.until(Duration.ofSeconds(60), "every observer clear and HEALTHY", rig::allClear);
    long[] first = new long[rig.size()];
    long killed = System.nanoTime();
    pg.killPrimary();
    boolean all = Poll.within(Duration.ofSeconds(30), () -> {
      List<JsonObject> s = rig.statuses();
      long now = System.nanoTime();
      boolean every = true;
      for (int i = 0; i < s.size(); i++) {
        if (first[i] == 0 && DrwatchRig.declared(s.get(i))) {
          first[i] = now;
        }
        every &= first[i] != 0;
      }
      return every;
    });
    pg.startPrimary();
    pg.restoreLink();
    if (!all) {
      return java.util.Optional.empty();
    }
    long last = 0;
    for (long t : first) {
      last = Math.max(last, t);
    }
    return java.util.Optional.of((last - killed) / 1_000_000);
  }

  /** The freezes during (or within 3 s after) which any observer declared. */
  private int freezes(DrwatchRig rig, int freezes) throws IOException {
    Poll.until(Duration.ofSeconds(60), "every observer clear and HEALTHY", rig::allClear);
    int declared = 0;
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
      boolean seen = Poll.within(Duration.ofMillis(FREEZE_EVERY_MS - 100),
          () -> rig.statuses().stream().anyMatch(DrwatchRig::declared));
      join(freezer);
      if (seen) {
        declared++;
        log("freeze %d: DECLARED (false)", i + 1);
        Poll.until(Duration.ofSeconds(60), "clear after a false declaration", rig::allClear);
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
    System.err.printf("detection bench: " + format + "%n", args);
  }
}
