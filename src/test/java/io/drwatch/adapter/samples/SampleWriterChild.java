package io.drwatch.adapter.samples;

import io.drwatch.domain.report.RtoSpan;
import io.drwatch.domain.report.Span;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The process SampleStoreCrashTest kills: writes one simulated second per transaction, for 10
 * channels, as fast as the disk allows, and prints {@code committed <second>} after each commit.
 * Args: state dir, first second.
 */
public final class SampleWriterChild {
  private SampleWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    long second = Long.parseLong(args[1]);
    try (SampleStore store = SampleStore.open(dir)) {
      System.out.println("open");
      System.out.flush();
      for (; ; second++) {
        store.write(second(second), List.of(RtoSpan.sample(second, Optional.of(Duration.ofSeconds(90)),
            Duration.ofMinutes(15))));
        System.out.println("committed " + second);
        System.out.flush();
      }
    }
  }

  static List<Span> second(long second) {
    List<Span> out = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      out.add(Span.sample("ch-" + c, second, second % 97 == 0 ? "LAGGING" : "HEALTHY",
          Optional.of(Duration.ofMillis(800 + (second * 7 + c) % 400)), Duration.ofSeconds(2)));
    }
    return out;
  }
}
