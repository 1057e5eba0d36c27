package io.drwatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class CodedFailureTest {
  /** Like Netty's: a connect timeout is also a ConnectException; the timeout must win. */
  static final class ConnectTimeoutException extends ConnectException {
    ConnectTimeoutException(String m) {
      super(m);
    }
  }

  @Test
  void shouldCodeByTheFirstCodedFailureInTheCauseChain() {
    CodedFailure throttled = CodedFailure.of(FailureCode.THROTTLED, "429");
    assertThat(CodedFailure.codeOf(throttled)).isEqualTo(FailureCode.THROTTLED);
    assertThat(CodedFailure.codeOf(new CompletionException(throttled))).isEqualTo(FailureCode.THROTTLED);
    assertThat(CodedFailure.codeOf(new RuntimeException("wrapped", new CompletionException(throttled))))
        .isEqualTo(FailureCode.THROTTLED);
  }

  @Test
  void shouldCodeUncodedFailuresByType() {
    assertThat(CodedFailure.codeOf(new TimeoutException())).isEqualTo(FailureCode.TIMEOUT);
    assertThat(CodedFailure.codeOf(new RuntimeException(new ConnectTimeoutException("connect timed out"))))
        .isEqualTo(FailureCode.TIMEOUT);
    assertThat(CodedFailure.codeOf(new ConnectException("Connection refused"))).isEqualTo(FailureCode.UNREACHABLE);
    assertThat(CodedFailure.codeOf(new IOException("reset"))).isEqualTo(FailureCode.UNREACHABLE);
    assertThat(CodedFailure.codeOf(new RuntimeException(new SSLHandshakeException("PKIX path"))))
        .isEqualTo(FailureCode.TLS);
    assertThat(CodedFailure.codeOf(new IllegalArgumentException("step s: missing parameter x")))
        .isEqualTo(FailureCode.BAD_PARAMS);
    assertThat(CodedFailure.codeOf(new IllegalStateException("surprise"))).isEqualTo(FailureCode.REJECTED);
    assertThat(CodedFailure.codeOf(null)).isEqualTo(FailureCode.REJECTED);
  }

  @Test
  void shouldSurviveACauseCycle() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(CodedFailure.codeOf(a)).isEqualTo(FailureCode.REJECTED);
  }

  @Test
  void shouldKeepProviderDetailsUnderANewMessage() {
    CodedFailure f = CodedFailure.of(FailureCode.REJECTED, "InvalidDBInstanceState (HTTP 400): busy",
        "InvalidDBInstanceState", 400, Duration.ofSeconds(3), null);
    CodedFailure g = f.withMessage("step p: " + f.getMessage());
    assertThat(g).hasMessage("step p: InvalidDBInstanceState (HTTP 400): busy");
    assertThat(g.code()).isEqualTo(FailureCode.REJECTED);
    assertThat(g.isProviderCode("InvalidDBInstanceState")).isTrue();
    assertThat(g.httpStatus()).hasValue(400);
    assertThat(g.retryAfter()).contains(Duration.ofSeconds(3));
    assertThat(g.withCode(FailureCode.TERMINAL_STATE).providerCode()).contains("InvalidDBInstanceState");
  }

  @Test
  void shouldCodeAnythingAsAFailureWithALine() {
    CodedFailure c = CodedFailure.coded(new ConnectException("Connection refused: /10.0.0.5:5432"));
    assertThat(c.code()).isEqualTo(FailureCode.UNREACHABLE);
    assertThat(c).hasMessage("Connection refused: /10.0.0.5:5432");
    assertThat(c.providerCode()).isEmpty();
    assertThat(c.httpStatus()).isEmpty();
    assertThat(c.getStackTrace()).isEmpty();
  }

  @Test
  void shouldReadLabelsBack() {
    for (FailureCode code : FailureCode.values()) {
      assertThat(FailureCode.parse(code.label())).isEqualTo(code);
    }
    assertThat(FailureCode.THROTTLED.label()).isEqualTo("throttled");
  }
}
