package io.drwatch.bench.detection;

import io.drwatch.lab.PostgresPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The detection scenario of {@code scripts/bench.sh}: prints one markdown table on stdout,
 * progress on stderr. Run by {@code scripts/bench/detection.sh}:
 * {@code java -cp <test classpath> io.drwatch.bench.detection.DetectionBench [--quick]
 * [--jar target/drwatch.jar] [--only drwatch|sentinel]}.
 *
 * <p>Full: 20 kills and 60 s of 2 s freezes every 5 s per setup; drwatch with 1, 2 and 3
 * observers, each with {@code profile: fast} and with the same keys spelled out; Sentinel at
 * down-after 1.5 s and 3 s. Quick: 5 kills and 20 s of freezes, drwatch with the preset only
 * (the explicit keys read as the identical config, {@code DetectionProfileConfigTest}).
 */
public final class DetectionBench {
  private DetectionBench() {}

  /** What one invocation measures. */
  record Plan(int kills, long freezeSeconds, List<DrwatchRig.Setup> drwatch, List<Long> downAfter) {
    static Plan of(boolean quick, String only) {
      List<DrwatchRig.Setup> d = new ArrayList<>();
      for (int n = 1; n <= 3; n++) {
        d.add(new DrwatchRig.Setup(n, true));
        if (!quick) {
          d.add(new DrwatchRig.Setup(n, false));
        }
      }
      List<Long> s = List.of(1_500L, 3_000L);
      return new Plan(quick ? 5 : 20, quick ? 20 : 60, "sentinel".equals(only) ? List.of() : d,
          "drwatch".equals(only) ? List.of() : s);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean quick = false;
    Path jar = Path.of("target/drwatch.jar");
    String only = "";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--quick" -> quick = true;
        case "--jar" -> jar = Path.of(args[++i]);
        case "--only" -> only = args[++i];
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (known: --quick, --jar FILE, --only drwatch|sentinel)");
      }
    }
    List<Row> rows = run(Plan.of(quick, only), jar.toAbsolutePath());
    System.out.println(Row.header());
    rows.forEach(r -> System.out.println(r.line()));
    System.exit(0);
  }

  /** Removes a bench's temp dir and everything in it. */
  public static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  static List<Row> run(Plan plan, Path jar) throws Exception {
    Path dir = Files.createTempDirectory("drwatch-bench-detection-");
    try {
      return run(plan, jar, dir);
    } finally {
      // DRWATCH_BENCH_KEEP=1 keeps the daemons' logs (verdict lines) for a per-kill timeline.
      if ("1".equals(System.getenv("DRWATCH_BENCH_KEEP"))) {
        DrwatchRuns.log("kept %s", dir);
      } else {
        deleteTree(dir);
      }
    }
  }

  private static List<Row> run(Plan plan, Path jar, Path dir) throws Exception {
    List<Row> rows = new ArrayList<>();
    if (!plan.drwatch().isEmpty()) {
      // The pair's own directory goes under the system temp dir, which the postgres user can
      // reach; the mode-700 dir above it could not.
      Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
      try (PostgresPair pg = PostgresPair.start(tmp, 0, 0, Duration.ZERO)) {
        DrwatchRuns runs = new DrwatchRuns(jar, dir, pg);
        // One group per spelling: its 1-, 2- and 3-observer setups watch the primary at once.
        for (boolean preset : new boolean[] {true, false}) {
          List<DrwatchRig.Setup> group =
              plan.drwatch().stream().filter(s -> s.preset() == preset).toList();
          if (!group.isEmpty()) {
            rows.addAll(runs.run(group, plan.kills(), plan.freezeSeconds()));
          }
        }
      }
    }
    SentinelRuns sentinel = new SentinelRuns(dir);
    for (long downAfter : plan.downAfter()) {
      rows.add(sentinel.run(downAfter, plan.kills(), plan.freezeSeconds()));
    }
    return rows;
  }
}
