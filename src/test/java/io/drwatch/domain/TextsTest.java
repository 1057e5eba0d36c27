package io.drwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TextsTest {
  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({
      "0, 0ms",
      "1, 1ms",
      "250, 250ms",
      "999, 999ms",
      "1000, 1s",
      "1004, 1s",
      "2000, 2s",
      "2100, 2.1s",
      "2134, 2.13s",
      "4000, 4s",
      "4001, 4s",
      "4500, 4.5s",
      "9999, 10s",
      "10000, 10s",
      "90000, 90s",
      "599999, 599s",
      "600000, 10m",
      "750000, 12m30s",
      "3599000, 59m59s",
      "3600000, 1h",
      "9000000, 2h30m",
      "90061000, 25h1m",
      "-4500, -4.5s"})
  void shouldPrintEveryMagnitudeWithItsUnitAndNoBareDot(long millis, String text) {
    assertThat(Texts.duration(Duration.ofMillis(millis))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0} ns -> {1}")
  @CsvSource({"400000, <1ms", "4000000001, 4s", "3999999999, 4s"})
  void shouldRoundSubMillisecondsInsteadOfPrintingGarbage(long nanos, String text) {
    assertThat(Texts.duration(Duration.ofNanos(nanos))).isEqualTo(text);
  }
}
