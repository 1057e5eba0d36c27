package io.drwatch.adapter.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.net.SocketAddress;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TcpTargetProbeTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "10.0.0.5:5432,        10.0.0.5,       5432",
    "db.example.com:6379,  db.example.com, 6379",
    "'[::1]:443',          ::1,            443",
    "localhost:1,          localhost,      1",
    "localhost:65535,      localhost,      65535",
  })
  void shouldParseHostAndPort(String text, String host, int port) {
    SocketAddress address = TcpTargetProbe.parse(text);
    assertThat(address.host()).isEqualTo(host);
    assertThat(address.port()).isEqualTo(port);
  }

  @Test
  void shouldSayHowLongItWaitedForTheHandshake() {
    TcpTargetProbe probe = new TcpTargetProbe(null, null, Duration.ofMillis(800));
    assertThat(probe.reason(new TimeoutException("Timeout 800 (ms) fired")))
        .isEqualTo("no connection within 800ms");
    assertThat(probe.reason(new ConnectTimeoutException("connection timed out after 800 ms")))
        .isEqualTo("no connection within 800ms");
  }

  @Test
  void shouldKeepTheAddressFromNettysMessageOnOneShortLine() {
    TcpTargetProbe probe = new TcpTargetProbe(null, null, Duration.ofMillis(800));
    ConnectException refused = new ConnectException("Connection refused: /10.0.0.5:5432");
    refused.initCause(new ConnectException("Connection refused"));
    assertThat(probe.reason(refused)).isEqualTo("Connection refused: /10.0.0.5:5432");
    assertThat(probe.reason(new RuntimeException("a\n b " + "c".repeat(300))))
        .startsWith("a b c").hasSize(163);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"", "host", "host:", ":5432", "host:0", "host:65536", "host:abc",
      "::1:5432", "[]:80"})
  void shouldRejectMalformedAddressesNamingTheValue(String text) {
    assertThatThrownBy(() -> TcpTargetProbe.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"" + text + "\"");
  }
}
