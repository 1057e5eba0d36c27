package io.drwatch.adapter.httpprobe;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpTargetProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(800);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http://10.0.0.5/health", "https://api.example.com:8443/ready?deep=1",
      "http://[::1]:8080/"})
  void shouldAcceptAbsoluteHttpUrls(String url) {
    assertThatCode(() -> HttpTargetProbe.validate(url, 200, Optional.empty(), TIMEOUT))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "10.0.0.5/health", "/health", "ftp://host/x", "http:///path",
      "http://bad host/"})
  void shouldRejectAnythingButAnAbsoluteHttpUrlNamingTheValue(String url) {
    assertThatThrownBy(() -> HttpTargetProbe.validate(url, 200, Optional.empty(), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("url ")
        .hasMessageContaining("\"" + url + "\"");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {0, 99, 600, -1})
  void shouldRejectAStatusOutsideHttpsRange(int status) {
    assertThatThrownBy(() -> HttpTargetProbe.validate("http://h/", status, Optional.empty(), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectStatus must be between 100 and 599, but was " + status);
  }

  @Test
  void shouldRejectAnEmptyBodyText() {
    assertThatThrownBy(() -> HttpTargetProbe.validate("http://h/", 200, Optional.of(""), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bodyContains");
  }

  @Test
  void shouldRejectANonPositiveTimeout() {
    assertThatThrownBy(() -> HttpTargetProbe.validate("http://h/", 200, Optional.empty(), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, but was PT0S");
  }
}
