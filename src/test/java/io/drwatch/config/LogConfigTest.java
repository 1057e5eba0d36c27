package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogConfigTest {
  private static final String CHANNELS = """
      channels:
        - name: orders-db
          kind: postgres
          primary: { url: "postgresql://drwatch@10.0.0.5:5432/app" }
          replica: { url: "postgresql://drwatch@10.1.0.5:5432/app" }
      """;

  @Test
  void shouldSummariseEveryFiveMinutesWithoutALogSection() throws Exception {
    assertThat(ConfigLoader.parse(CHANNELS, k -> null).log().quietInterval())
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldReadTheQuietIntervalAndAllowZeroForEveryTick() throws Exception {
    assertThat(ConfigLoader.parse(CHANNELS + "log: { quietInterval: 30s }\n", k -> null).log()
        .quietInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(ConfigLoader.parse(CHANNELS + "log: { quietInterval: 0s }\n", k -> null).log()
        .quietInterval()).isZero();
  }

  @Test
  void shouldRejectANegativeIntervalAndUnknownKeys() {
    assertThat(errorsOf(CHANNELS + "log: { quietInterval: -1s }\n")).singleElement().asString()
        .startsWith("log.quietInterval: ");
    assertThat(errorsOf(CHANNELS + "log: { quiet: 5m }\n"))
        .containsExactly("log.quiet: unknown key (allowed: quietInterval, format)");
  }
}
