package io.drwatch.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The duration syntax of the config file: a decimal number and one unit of {@code ms}, {@code s},
 * {@code m} or {@code h}, such as {@code 200ms}, {@code 5s}, {@code 1.5s}, {@code 15m}, {@code 1h}.
 * A unit is always required so that nobody has to guess whether {@code 5} means seconds or
 * milliseconds. A leading minus is parsed so that range checks can report the value as written.
 */
public final class Durations {

  private static final Pattern FORM = Pattern.compile("-?\\d+(\\.\\d+)?(ms|s|m|h)");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

  private record Unit(String suffix, BigDecimal nanos) {}

  // Largest first: on a tie in length, format prefers the larger unit.
  private static final List<Unit> UNITS =
      List.of(
          new Unit("h", BigDecimal.valueOf(3_600_000_000_000L)),
          new Unit("m", BigDecimal.valueOf(60_000_000_000L)),
          new Unit("s", NANOS_PER_SECOND),
          new Unit("ms", BigDecimal.valueOf(1_000_000L)));

  private Durations() {}

  /**
   * Parses {@code 200ms}, {@code 5s}, {@code 1.5s}, {@code 15m}, {@code 1h}, {@code -1s}.
   *
   * @throws IllegalArgumentException if the text has another form, is finer than a nanosecond or
   *     does not fit a {@link Duration} of {@code long} nanoseconds
   */
  public static Duration parse(String s) {
    Objects.requireNonNull(s, "s");
    if (!FORM.matcher(s).matches()) {
      throw new IllegalArgumentException("not a duration like 200ms, 5s, 15m: \"" + s + "\"");
    }
    String suffix = s.endsWith("ms") ? "ms" : s.substring(s.length() - 1);
    BigDecimal amount = new BigDecimal(s.substring(0, s.length() - suffix.length()));
    BigDecimal unitNanos =
        UNITS.stream().filter(u -> u.suffix.equals(suffix)).findFirst().orElseThrow().nanos;
    try {
      return Duration.ofNanos(amount.multiply(unitNanos).toBigIntegerExact().longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("duration finer than 1ns or too large: \"" + s + "\"", e);
    }
  }

  /**
   * The shortest text that {@link #parse} reads back as exactly {@code d}, without a leading {@code
   * 0.}: {@code 200ms} rather than {@code 0.2s}, {@code 1.5s} rather than {@code 1500ms}. On a tie
   * a whole number wins ({@code 1234ms} over {@code 1.234s}), then the larger unit. Durations below
   * a millisecond come out as fractional milliseconds, such as {@code 0.5ms}.
   */
  public static String format(Duration d) {
    Objects.requireNonNull(d, "d");
    if (d.isZero()) {
      return "0s";
    }
    BigDecimal nanos =
        new BigDecimal(
            BigInteger.valueOf(d.getSeconds())
                .multiply(NANOS_PER_SECOND.toBigInteger())
                .add(BigInteger.valueOf(d.getNano())));
    String best = null;
    for (Unit unit : UNITS) {
      String candidate = inUnit(nanos, unit);
      if (candidate != null && (best == null || shorter(candidate, best))) {
        best = candidate;
      }
    }
    if (best != null) {
      return best;
    }
    return nanos.divide(UNITS.get(3).nanos).stripTrailingZeros().toPlainString() + "ms";
  }

  private static String inUnit(BigDecimal nanos, Unit unit) {
    BigDecimal amount;
    try {
      amount = nanos.divide(unit.nanos); // throws when the decimal expansion does not terminate
    } catch (ArithmeticException notExact) {
      return null;
    }
    if (amount.abs().compareTo(BigDecimal.ONE) < 0) {
      return null;
    }
    return amount.stripTrailingZeros().toPlainString() + unit.suffix;
  }

  private static boolean shorter(String candidate, String best) {
    if (candidate.length() != best.length()) {
      return candidate.length() < best.length();
    }
    return !candidate.contains(".") && best.contains(".");
  }
}
