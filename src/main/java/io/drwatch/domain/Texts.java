package io.drwatch.domain;

import java.time.Duration;
import java.util.Locale;

/** Formatting for verdict lines: short, rounded, unit-bearing numbers a person reads at 3 a.m. */
public final class Texts {
  private static final long SECOND = 1000;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;

  private Texts() {}

  /**
   * 0 -> "0ms", 0.4 ms -> "<1ms", 250 ms -> "250ms", 4 s -> "4s", 2.134 s -> "2.13s", 90 s ->
   * "90s", 12.5 min -> "12m30s", 2.5 h -> "2h30m". Below 10 s two decimals carry the news (a
   * 2.1 s lag against a 2 s objective); above, whole units do. Negative: a leading "-".
   */
  public static String duration(Duration d) {
    if (d.isNegative()) {
      return "-" + duration(d.negated());
    }
    long ms = d.toMillis();
    if (ms == 0) {
      return d.isZero() ? "0ms" : "<1ms";
    }
    if (ms < SECOND) {
      return ms + "ms";
    }
    if (ms < 10 * SECOND) {
      // Rounded first, then trailing zeros and a bare dot dropped: 4.001 s is "4s", never "4.s".
      String s = String.format(Locale.ROOT, "%.2f", ms / 1000.0);
      return stripZeros(s) + "s";
    }
    if (ms < 10 * MINUTE) {
      return ms / SECOND + "s";
    }
    if (ms < HOUR) {
      return pair(ms / MINUTE, "m", ms % MINUTE / SECOND, "s");
    }
    return pair(ms / HOUR, "h", ms % HOUR / MINUTE, "m");
  }

  private static String pair(long big, String bigUnit, long small, String smallUnit) {
    return big + bigUnit + (small == 0 ? "" : small + smallUnit);
  }

  private static String stripZeros(String decimal) {
    int end = decimal.length();
    while (decimal.charAt(end - 1) == '0') {
      end--;
    }
    if (decimal.charAt(end - 1) == '.') {
      end--;
    }
    return decimal.substring(0, end);
  }
}
