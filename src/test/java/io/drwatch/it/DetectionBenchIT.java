package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.lab.FreePorts;
import io.drwatch.lab.PostgresPair;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.PostgresPairExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, not a test: kill -> outage declared on both observers, repeated. Runs only with
 * {@code -Ddrwatch.bench=true}:
 * {@code mvn verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DetectionBenchIT -Ddrwatch.bench=true}.
 * Prints a table; the figures go to docs/benchmarks.md.
 */
@ExtendWith(PostgresPairExtension.class)
class DetectionBenchIT {
  private static final int KILLS = Integer.getInteger("drwatch.bench.kills", 20);

  @Test
  void detectionTimeOverRepeatedKills(PostgresPair pg) throws Exception {
    assumeTrue(Boolean.getBoolean("drwatch.bench"), "benchmark: run with -Ddrwatch.bench=true");
    int portA = FreePorts.pick();
    int portB = FreePorts.pick();
    List<Long> ms = new ArrayList<>();
    try (DaemonHarness a = DaemonHarness.start(TwoObservers.config(pg, "obs-a", portA, portB, 3));
        DaemonHarness b = DaemonHarness.start(TwoObservers.config(pg, "obs-b", portB, portA, 3))) {
      for (int i = 0; i < KILLS; i++) {
        Await.until(Duration.ofSeconds(60), () -> !TwoObservers.declared(a) && !TwoObservers.declared(b)
            && a.status("orders-db").condition() == ChannelCondition.HEALTHY);
        long killed = System.nanoTime();
        pg.killPrimary();
        Await.until(Duration.ofSeconds(30), () -> TwoObservers.declared(a) && TwoObservers.declared(b));
        ms.add((System.nanoTime() - killed) / 1_000_000);
        System.out.printf("kill %2d: declared on both after %d ms%n", i + 1, ms.get(i));
        pg.startPrimary();
        pg.restoreLink();
      }
    }
    Collections.sort(ms);
    System.out.printf("%n| kills | min | p50 | p99 | max | budget |%n|---|---|---|---|---|---|%n"
        + "| %d | %d ms | %d ms | %d ms | %d ms | 6000 ms |%n", ms.size(), ms.get(0), pct(ms, 50),
        pct(ms, 99), ms.get(ms.size() - 1));
    assertThat(ms).hasSize(KILLS);
  }

  private static long pct(List<Long> sorted, int p) {
    int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, i));
  }
}
