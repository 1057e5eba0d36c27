package io.drwatch.adapter.samples;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.report.RpoHistogram;
import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import io.drwatch.domain.report.Tier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's size at full retention for 10 channels sampled every second: 2 years of hours, 90
 * days of minutes, 24 hours of seconds, inserted pre-aggregated on a simulated clock. The bound
 * asserted here is the one docs/audit-report.md gives; a further simulated day must not grow it
 * (pruned pages are reused).
 */
class SampleStoreBoundTest {
  static final int CHANNELS = 10;
  static final long END = 1_800_000_000L; // the simulated "now"
  /** docs/audit-report.md: at most this many bytes for 10 channels, WAL included. */
  static final long BOUND = 120L * 1024 * 1024;
  static final long LATER = Duration.ofHours(2).toSeconds();

  @TempDir
  Path dir;

  @Test
  void shouldStayUnderTheDocumentedBoundAtFullRetentionAndNotGrowWithAnotherDay() throws Exception {
    long started = System.nanoTime();
    try (SampleStore store = SampleStore.open(dir)) {
      fill(store, Tier.HOUR, END - Tier.HOUR.retention().toSeconds(), END);
      fill(store, Tier.MINUTE, END - Tier.MINUTE.retention().toSeconds(), END);
      fill(store, Tier.SECOND, END - Tier.SECOND.retention().toSeconds(), END);
    }
    long full = size();
    try (SampleStore store = SampleStore.open(dir)) {
      // Time goes on: what ages out frees pages that what comes in reuses.
      fill(store, Tier.MINUTE, END, END + LATER);
      fill(store, Tier.SECOND, END, END + LATER);
    }
    long later = size();
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("samples store, %d channels at full retention: %.1f MiB; later %.1f MiB"
        + " (%.1f s)%n", CHANNELS, full / 1048576.0, later / 1048576.0, seconds);
    assertThat(full).isLessThan(BOUND);
    if (System.getProperty("drwatch.keepStore") != null) {
      Files.copy(dir.resolve("samples.db"), Path.of("target/bound-samples.db"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    assertThat(later).as("later").isLessThanOrEqualTo((long) (full * 1.01));
    try (SampleReader reader = SampleReader.open(dir)) {
      // 24 h before the newest second, END + LATER - 1: the 1 s tier was pruned as it went.
      assertThat(reader.spans(Tier.SECOND, 0, END + 86_400 * 2).stream().mapToLong(Span::start).min())
          .hasValue(END + LATER - 1 - 86_400);
    }
  }

  private long size() throws Exception {
    long total = 0;
    for (String name : List.of("samples.db", "samples.db-wal", "samples.db-shm")) {
      Path p = dir.resolve(name);
      total += Files.exists(p) ? Files.size(p) : 0;
    }
    return total;
  }

  /** Buckets of {@code tier} in [from, to), one transaction per simulated day. */
  private static void fill(SampleStore store, Tier tier, long from, long to) throws Exception {
    long dayBuckets = 86_400 / tier.width();
    List<RpoHistogram> shapes = shapes((int) Math.min(tier.width(), 3600));
    List<Span> spans = new ArrayList<>();
    List<RtoSpan> rto = new ArrayList<>();
    long n = 0;
    for (long t = from; t < to; t += tier.width()) {
      for (int c = 0; c < CHANNELS; c++) {
        spans.add(span(tier, "channel-" + c, t, shapes.get((int) ((t / tier.width() + c) % shapes.size()))));
      }
      rto.add(new RtoSpan(t, tier.width(), 0, 95_000 + t % 1000, 900_000));
      if (++n % dayBuckets == 0 || t + tier.width() >= to) {
        store.insert(tier, spans, rto, t);
        spans.clear();
        rto.clear();
      }
    }
  }

  /** A bucket's RPO around one heartbeat interval with jitter: what a healthy channel reads. */
  private static Span span(Tier tier, String channel, long t, RpoHistogram h) {
    if (tier == Tier.SECOND) {
      return Span.sample(channel, t, "HEALTHY", Optional.of(Duration.ofMillis(800 + (t * 31 + channel.hashCode()) % 400)),
          Duration.ofSeconds(2));
    }
    return new Span(channel, t, "HEALTHY", tier.width(), tier.width(), tier.width(), 1199, t + 17, h, 2000);
  }

  private static List<RpoHistogram> shapes(int seconds) {
    List<RpoHistogram> out = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      RpoHistogram h = RpoHistogram.empty();
      for (int i = 0; i < seconds; i++) {
        h = h.plus(RpoHistogram.of(800 + (i * 37L + k * 11) % 400));
      }
      out.add(h);
    }
    return out;
  }
}
