package io.drwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {

  private static AgentConfig parse(String yaml) throws ConfigException {
    return AgentConfig.parse(yaml, Map.of("AGENT_TOKEN", "s3cret")::get);
  }

  @Test
  void shouldReadAFullConfigWithDefaults() throws Exception {
    AgentConfig c = parse("""
        token: ${AGENT_TOKEN}
        pgdata: /var/lib/postgresql/15/main
        bin: /usr/lib/postgresql/15/bin
        """);
    assertThat(c.host()).isEqualTo("127.0.0.1");
    assertThat(c.port()).isEqualTo(9470);
    assertThat(c.token().value()).isEqualTo("s3cret");
    assertThat(c.serverLog()).isEqualTo(Path.of("/var/lib/postgresql/15/main.log"));
    assertThat(c.runAs()).isEmpty();
    assertThat(c.tls()).isEmpty();
    assertThat(c.jobTimeout()).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void shouldReadListenTlsAndRunAs() throws Exception {
    AgentConfig c = parse("""
        listen: { host: 0.0.0.0, port: 9500 }
        token: t
        pgdata: /data
        bin: /bin
        runAs: postgres
        tls: { certFile: /etc/agent/cert.pem, keyFile: /etc/agent/key.pem }
        jobTimeout: 2h
        """);
    assertThat(c.port()).isEqualTo(9500);
    assertThat(c.runAs()).contains("postgres");
    assertThat(c.tls()).contains(new AgentConfig.Tls(Path.of("/etc/agent/cert.pem"), Path.of("/etc/agent/key.pem")));
    assertThat(c.jobTimeout()).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldNameEveryProblemAtOnce() {
    assertThatThrownBy(() -> parse("""
        listen: { port: 70000 }
        pgdata: /data
        shell: /bin/sh
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("shell: unknown key")
        .hasMessageContaining("listen.port")
        .hasMessageContaining("token: required (or tokenFile)")
        .hasMessageContaining("bin");
  }

  @Test
  void shouldRefuseATokenAndATokenFile() {
    assertThatThrownBy(() -> parse("token: a\ntokenFile: /x\npgdata: /d\nbin: /b\n"))
        .hasMessageContaining("tokenFile: give token or tokenFile, not both");
  }
}
