package io.drwatch.domain.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ProbeFailureTest {
  /** Netty's ConnectTimeoutException is a ConnectException too: its name must win. */
  static final class ConnectTimeoutException extends ConnectException {
    ConnectTimeoutException(String message) {
      super(message);
    }
  }

  @Test
  void shouldClassifyByTypeNotMessage() {
    assertThat(ProbeFailure.of(new ConnectException("anything"))).isEqualTo(ProbeFailure.REFUSED);
    assertThat(ProbeFailure.of(new RuntimeException(new ConnectException("x"))))
        .isEqualTo(ProbeFailure.REFUSED);
    assertThat(ProbeFailure.of(new ConnectTimeoutException("connection refused?")))
        .isEqualTo(ProbeFailure.TIMEOUT);
    assertThat(ProbeFailure.of(new TimeoutException())).isEqualTo(ProbeFailure.TIMEOUT);
    assertThat(ProbeFailure.of(new IOException("Connection refused"))).isEqualTo(ProbeFailure.ERROR);
  }
}
