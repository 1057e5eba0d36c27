package io.drwatch.domain;

import java.time.Duration;
import java.util.Locale;

/** Formatting for verdict lines: short, rounded, unit-bearing numbers a person reads at 3 a.m. */
public final class Texts {
  private Texts() {}

  /** 0.25 s -> "250ms", 2.134 s -> "2.13s", 2.1 s -> "2.1s", 95 s -> "95s", 1 h -> "60m". */
  public static String duration(Duration d) {
    long ms = d.toMillis();
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 10_000 && ms % 1000 != 0) {
      String s = String.format(Locale.ROOT, "%.2f", ms / 1000.0);
      // 1004 ms is "1s", not "1.s": drop the dot once the zeros are gone.
      return s.replaceAll("0+$", "").replaceAll("\\.$", "") + "s";
    }
    if (ms < 600_000) {
      return (ms / 1000) + "s";
    }
    return (ms / 60_000) + "m";
  }
}
