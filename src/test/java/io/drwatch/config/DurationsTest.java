package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} = {1}ns")
  @CsvSource({
    "0s,       0",
    "0ms,      0",
    "1ms,      1000000",
    "200ms,    200000000",
    "0.5ms,    500000",
    "5s,       5000000000",
    "1.5s,     1500000000",
    "0.25s,    250000000",
    "15m,      900000000000",
    "1.5m,     90000000000",
    "1h,       3600000000000",
    "24h,      86400000000000",
    "-1s,      -1000000000",
    "007s,     7000000000",
    "1.000s,   1000000000",
  })
  void shouldParse(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "",
        "5",
        "s",
        "5 s",
        " 5s",
        "5S",
        "5sec",
        "1d",
        "1h30m",
        "+5s",
        ".5s",
        "5.s",
        "1e3ms",
        "0.0000000001s",
        "9999999999h",
        "5 parsecs",
        "٥s"
      })
  void shouldRejectOtherForms(String text) {
    assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{0}ns -> {1}")
  @CsvSource({
    "0,                0s",
    "1000000,          1ms",
    "200000000,        200ms",
    "1500000000,       1.5s",
    "1234000000,       1234ms",
    "5000000000,       5s",
    "90000000000,      90s",
    "900000000000,     15m",
    "3600000000000,    1h",
    "5400000000000,    90m",
    "86400000000000,   24h",
    "500000,           0.5ms",
    "1,                0.000001ms",
    "-1000000000,      -1s",
    "-1500000000,      -1.5s",
  })
  void shouldFormatShortestExactForm(long nanos, String text) {
    assertThat(Durations.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      longs = {0, 1, 999, 1_000_001, 1_500_000_000, 61_000_000_000L, 3_599_999_999_999L, -7})
  void shouldReadBackWhatItFormats(long nanos) {
    Duration d = Duration.ofNanos(nanos);

    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }
}
