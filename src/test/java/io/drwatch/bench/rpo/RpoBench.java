package io.drwatch.bench.rpo;

import io.drwatch.bootstrap.Daemon;
import io.drwatch.config.ConfigLoader;
import io.drwatch.it.DelayProxy;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.RedisPair;
import io.drwatch.testkit.TestVertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;

/**
 * The RPO-accuracy benchmark (issue 15): a real PostgreSQL standby with {@code
 * recovery_min_apply_delay} and a Redis replica behind a {@link DelayProxy}, an application
 * writer committing every 200 ms, drwatch at 200 ms and 1 s heartbeats beside Debian's
 * postgres_exporter ({@code pg_replication_lag}) and redis_exporter, all scraped once a second.
 * The known delay is the truth. Prints one markdown table (see {@link Report}).
 *
 * <p>Usage: {@code RpoBench [--quick] OUT.md}; the exporters' binaries come from the environment
 * ({@code PG_EXPORTER}, {@code REDIS_EXPORTER}).
 */
public final class RpoBench {
  static final String[] CHANNELS = {"pg-200ms", "pg-1s", "redis-200ms", "redis-1s"};
  private final List<Series> rows = new ArrayList<>();
  private final Peers peers;
  private final String drwatch;

  private RpoBench(Peers peers, String drwatch) {
    this.peers = peers;
    this.drwatch = drwatch;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    Path out = Path.of(args[args.length - 1]);
    Path dir = Files.createTempDirectory("drwatch-bench-rpo-");
    try (Peers peers = Peers.start(dir);
        Daemon daemon = Daemon.start(ConfigLoader.parse(peers.daemonYaml(dir), System::getenv),
            TestVertx.options())) {
      RpoBench bench = new RpoBench(peers, "http://127.0.0.1:" + daemon.httpPort() + "/metrics");
      peers.writer().start();
      Thread.sleep(5000);
      // 3 s is the bracket target (a writer every 200 ms, 60 samples); 0.5, 2 and 5 s its sweep.
      for (long ms : quick ? new long[] {3000} : new long[] {500, 2000, 3000, 5000}) {
        bench.delay(Duration.ofMillis(ms), 60);
      }
      bench.idle(quick ? 60 : 300);
      bench.cut();
      String table = Report.markdown(bench.rows);
      System.out.print(table);
      Files.createDirectories(out.toAbsolutePath().getParent());
      Files.writeString(out, table);
    }
    System.exit(0); // the exporters' and servers' reaper threads must not keep the JVM
  }

  private Duration lastDelay = Duration.ZERO;

  private void delay(Duration d, int samples) throws Exception {
    peers.pg().setApplyDelay(d);
    peers.proxy().setDelay(d);
    Thread.sleep(d.toMillis() + 4000); // commits from before the change drain first
    lastDelay = d;
    sample("apply delay " + d.toMillis() / 1000.0 + " s", d.toMillis() / 1000.0, samples);
  }

  private void idle(int seconds) throws Exception {
    peers.writer().pause(true);
    peers.pg().setApplyDelay(Duration.ZERO);
    peers.proxy().setDelay(Duration.ZERO);
    // What the proxy already holds still arrives on the old delay's schedule: a 5 s wait after
    // the 5 s delay sampled one late Redis chunk as a 5 s idle RPO.
    Thread.sleep(lastDelay.toMillis() + 4000);
    sample("idle primary " + seconds + " s", 0.0, seconds);
  }

  private void sample(String scenario, double truth, int n) throws Exception {
    List<Series> s = new ArrayList<>();
    for (String c : CHANNELS) {
      s.add(new Series(scenario + "|drwatch " + c));
    }
    s.add(new Series(scenario + "|postgres_exporter"));
    s.add(new Series(scenario + "|redis_exporter"));
    long next = System.nanoTime();
    for (int i = 0; i < n; i++) {
      next += 1_000_000_000L;
      Scrape d = Scrape.of(drwatch);
      for (int c = 0; c < CHANNELS.length; c++) {
        String label = "channel=\"" + CHANNELS[c] + "\"";
        add(s.get(c), truth, d.value("drwatch_channel_rpo_seconds", label),
            d.value("drwatch_channel_rpo_lower_seconds", label));
      }
      add(s.get(4), truth, Scrape.of(peers.pgExporter()).value("pg_replication_lag"), OptionalDouble.empty());
      add(s.get(5), truth, Scrape.of(peers.redisExporter()).value("redis_connected_slave_lag_seconds"),
          OptionalDouble.empty());
      Thread.sleep(Math.max(0, (next - System.nanoTime()) / 1_000_000));
    }
    s.stream().filter(x -> !x.samples.isEmpty() || x.missing > 0).forEach(rows::add);
  }

  private static void add(Series s, double truth, OptionalDouble value, OptionalDouble lower) {
    if (value.isEmpty()) {
      s.missing++;
      return;
    }
    s.add(truth, value.getAsDouble(), lower.isPresent() ? lower.getAsDouble() : Double.NaN);
  }

  /**
   * Cuts both links at once (the standby and the replica pointed at a dead port) and polls every 100 ms (the tools' own latency, not the 1 s scrape
   * grid): drwatch flags a channel BROKEN or STALLED; an exporter, by its lag figure passing 1 s
   * (the channels' RPO objective) or its link gauge dropping.
   */
  private void cut() throws Exception {
    peers.writer().pause(false);
    Thread.sleep(3000);
    long start = System.nanoTime();
    CompletableFuture<Void> pgCut = CompletableFuture.runAsync(() -> {
      try {
        peers.pg().breakLink();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    peers.redis().breakLink();
    double[] flagged = new double[CHANNELS.length + 2];
    java.util.Arrays.fill(flagged, Double.NaN);
    while (System.nanoTime() - start < 30_000_000_000L && java.util.Arrays.stream(flagged).anyMatch(Double::isNaN)) {
      double t = (System.nanoTime() - start) / 1e9;
      Scrape d = Scrape.of(drwatch);
      for (int c = 0; c < CHANNELS.length; c++) {
        String label = "channel=\"" + CHANNELS[c] + "\"";
        boolean flag = d.value("drwatch_channel_condition", label, "condition=\"BROKEN\"").orElse(0) == 1
            || d.value("drwatch_channel_condition", label, "condition=\"STALLED\"").orElse(0) == 1;
        flagged[c] = Double.isNaN(flagged[c]) && flag ? t : flagged[c];
      }
      boolean pgFlag = Scrape.of(peers.pgExporter()).value("pg_replication_lag").orElse(0) > 1.0;
      Scrape r = Scrape.of(peers.redisExporter());
      boolean redisFlag = r.value("redis_connected_slaves").orElse(1) == 0
          || r.value("redis_connected_slave_lag_seconds").orElse(0) > 1.0;
      flagged[4] = Double.isNaN(flagged[4]) && pgFlag ? t : flagged[4];
      flagged[5] = Double.isNaN(flagged[5]) && redisFlag ? t : flagged[5];
      Thread.sleep(100);
    }
    pgCut.join();
    String[] tools = {"drwatch " + CHANNELS[0], "drwatch " + CHANNELS[1], "drwatch " + CHANNELS[2],
        "drwatch " + CHANNELS[3], "postgres_exporter", "redis_exporter"};
    for (int i = 0; i < tools.length; i++) {
      Series s = new Series("cut link|" + tools[i]);
      s.add(Double.NaN, flagged[i], Double.NaN); // truth NaN marks a time-to-flag row
      rows.add(s);
    }
  }
}
