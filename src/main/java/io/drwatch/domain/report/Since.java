package io.drwatch.domain.report;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The report's {@code since}: a whole number and one unit, {@code 90m}, {@code 12h}, {@code 30d}, {@code 2w}. */
public final class Since {
  private static final Pattern FORM = Pattern.compile("(\\d{1,6})([smhdw])");
  /** The coarsest tier keeps this long; asking for more would only pad the report with gaps. */
  public static final Duration MAX = Tier.HOUR.retention();

  private Since() {}

  /** @throws CodedFailure BAD_PARAMS naming the text and the form expected */
  public static Duration parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text.strip());
    if (!m.matches()) {
      throw CodedFailure.of(FailureCode.BAD_PARAMS, "since: expected a whole number and one of "
          + "s, m, h, d, w (e.g. 30d), but was \"" + text + "\"");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
    if (d.isZero() || d.compareTo(MAX) > 0) {
      throw CodedFailure.of(FailureCode.BAD_PARAMS, "since: must be above 0 and at most 730d "
          + "(the store keeps 2 years), but was " + text);
    }
    return d;
  }
}
