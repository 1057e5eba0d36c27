package io.drwatch.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.VertxException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class PgTargetProbeTest {
  private final PgTargetProbe probe = new PgTargetProbe(null, null, null, null, Duration.ofMillis(800));

  @Test
  void shouldNameTheServerErrorBySeverityAndSqlState() {
    PgException err = new PgException("password authentication failed for user \"drwatch\"",
        "FATAL", "28P01", null);
    assertThat(probe.reason(err))
        .isEqualTo("FATAL 28P01: password authentication failed for user \"drwatch\"");
  }

  @Test
  void shouldSayHowLongItWaited() {
    assertThat(probe.reason(new TimeoutException("Timeout 800 (ms) fired")))
        .isEqualTo("no answer within 800ms");
  }

  @Test
  void shouldKeepTheReasonOnOneShortLine() {
    String reason = probe.reason(new VertxException("line one\n\tline two " + "x".repeat(400)));
    assertThat(reason).startsWith("line one line two x").endsWith("...").hasSize(163);
  }

  @Test
  void shouldUseTheCauseWhenTheWrapperHasNoMessage() {
    assertThat(probe.reason(new RuntimeException(null, new ConnectException("Connection refused"))))
        .isEqualTo("Connection refused");
  }

  @Test
  void shouldRejectANonPositiveTimeout() {
    assertThatThrownBy(() -> PgTargetProbe.create(null, "postgresql://u@h:5432/db",
        Optional.empty(), Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, but was PT-0.001S");
  }
}
