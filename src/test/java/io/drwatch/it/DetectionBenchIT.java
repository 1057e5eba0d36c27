package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.bench.detection.DrwatchRig;
import io.drwatch.bench.detection.DrwatchRuns;
import io.drwatch.bench.detection.Row;
import io.drwatch.lab.PostgresPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fast profile's promise on real processes, a benchmark and not part of the suite: two
 * observers (packaged daemons, each the other's peer, default tick) watching a real PostgreSQL
 * primary and standby. Median {@code kill -9} to declared on both at most 1.5 s, and no
 * declaration under 2 s freezes of the whole primary every 5 s. Enabled only with
 * {@code -Ddrwatch.bench=true}; skipped, it starts nothing (the condition is the class's):
 * {@code mvn -o -B -DskipTests package && mvn -o -B failsafe:integration-test failsafe:verify
 * -Dit.test=DetectionBenchIT -Ddrwatch.bench=true}. Kills and freeze seconds:
 * {@code -Ddrwatch.bench.kills} (20), {@code -Ddrwatch.bench.freezeSeconds} (60).
 * {@code scripts/bench/detection.sh} runs the same code for the side-by-side table.
 */
@EnabledIfSystemProperty(named = "drwatch.bench", matches = "true")
class DetectionBenchIT {
  private static final int KILLS = Integer.getInteger("drwatch.bench.kills", 20);
  private static final long FREEZE_SECONDS = Long.getLong("drwatch.bench.freezeSeconds", 60);
  private static final long BUDGET_MS = 1_500;

  @Test
  void fastProfileDeclaresAKillWithinBudgetAndNoFreeze() throws Exception {
    Path jar = Path.of("target/drwatch.jar").toAbsolutePath();
    assertThat(jar).exists();
    Path dir = Files.createTempDirectory("drwatch-bench-it-");
    Row row;
    try (PostgresPair pg = PostgresPair.start(Path.of(System.getProperty("java.io.tmpdir")), 0, 0,
        Duration.ZERO)) {
      row = new DrwatchRuns(jar, dir, pg).run(new DrwatchRig.Setup(2, true), KILLS,
          FREEZE_SECONDS);
    } finally {
      io.drwatch.bench.detection.DetectionBench.deleteTree(dir);
    }
    System.out.printf("%n%s%n%s%n", Row.header(), row.line());

    assertThat(row.declaredMs()).as("every kill declared on both observers").hasSize(KILLS);
    assertThat(io.drwatch.bench.detection.Stats.pct(row.declaredMs(), 50))
        .as("median kill -> declared on both, ms").isLessThanOrEqualTo(BUDGET_MS);
    assertThat(row.falseDeclarations()).as("freezes declared").isZero();
  }
}
