package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.postgres.PgPromoteAction;
import io.drwatch.adapter.postgres.PgTargetProbe;
import io.drwatch.config.Endpoint;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.lab.PostgresPair;
import io.drwatch.lab.TlsFiles;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * PostgreSQL with TLS only ({@code hostssl} lines, plaintext refused) and a standby replicating
 * over TLS. The server certificate names {@code localhost} only, so that verify-ca and
 * verify-full differ on {@code 127.0.0.1}. The daemon watches three channels through its config:
 * the right CA, a CA that did not sign the server, and the right CA on a host name the
 * certificate does not carry. The last test rotates the password file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresTlsIT {
  private static Path dir;
  private static TlsFiles good;
  private static TlsFiles other;
  private static PostgresPair pg;
  private static Path passwordFile;
  private static DaemonHarness daemon;

  // Named warmUp for the blocked-thread check: besides starting the servers it takes the cold JVM's
  // one-off TLS and class-loading costs, up to the first settled round.
  @BeforeAll
  static void warmUp() throws Exception {
    dir = Files.createTempDirectory("drwatch-pg-tls-");
    good = TlsFiles.create(dir.resolve("good"), "good", "DNS:localhost");
    other = TlsFiles.create(dir.resolve("other"), "other");
    pg = PostgresPair.start(Path.of(System.getProperty("java.io.tmpdir")), 0, 0, Duration.ZERO, Optional.of(good));
    pg.psqlPrimary("CREATE ROLE drwatch LOGIN PASSWORD 'first-secret'");
    pg.psqlPrimary("GRANT CREATE ON SCHEMA public TO drwatch");
    pg.psqlPrimary("GRANT pg_monitor TO drwatch"); // pg_stat_wal_receiver shows its status only to it
    passwordFile = dir.resolve("pg-password");
    Files.writeString(passwordFile, "first-secret\n");
    daemon = DaemonHarness.start("""
        http: { host: 127.0.0.1, port: 0 }
        channels:
          - name: trusted
            kind: postgres
            primary: { url: "%1$s", passwordFile: %3$s, caFile: %4$s }
            replica: { url: "%2$s", passwordFile: %3$s, caFile: %4$s }
            heartbeat: { interval: 200ms, timeout: 1s }
          - name: untrusted
            kind: postgres
            primary: { url: "%1$s", passwordFile: %3$s, caFile: %5$s }
            replica: { url: "%2$s", passwordFile: %3$s, caFile: %5$s }
            heartbeat: { interval: 200ms, timeout: 1s }
          - name: wrong-host
            kind: postgres
            primary: { url: "%6$s", passwordFile: %3$s, caFile: %4$s }
            replica: { url: "%7$s", passwordFile: %3$s, caFile: %4$s }
            heartbeat: { interval: 200ms, timeout: 1s }
        """.formatted(url("localhost", pg.primaryPort(), "verify-full"), url("localhost", pg.standbyPort(), "verify-full"),
        passwordFile, good.ca(), other.ca(), url("127.0.0.1", pg.primaryPort(), "verify-full"),
        url("127.0.0.1", pg.standbyPort(), "verify-full")));
    // The tests look at settled channels; the daemon's cold start is not what they measure.
    Await.until(Duration.ofSeconds(30), () -> "trusted " + daemon.status("trusted"),
        () -> daemon.status("trusted").condition() == ChannelCondition.HEALTHY);
  }

  private static String url(String host, int port, String sslmode) {
    return "postgresql://drwatch@" + host + ":" + port + "/postgres?sslmode=" + sslmode;
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  @Order(1)
  void shouldRefusePlaintextAndReplicateOverTls() throws Exception {
    assertThat(pg.psqlPrimary("SELECT s.ssl FROM pg_stat_replication r JOIN pg_stat_ssl s USING (pid)"))
        .isEqualTo("t");
    Vertx vertx = Vertx.vertx(TestVertx.options());
    try {
      PgTargetProbe plain = PgTargetProbe.create(vertx,
          "postgresql://postgres@127.0.0.1:" + pg.primaryPort() + "/postgres?sslmode=disable", Optional.empty(),
          Duration.ofSeconds(3));
      Throwable refused = plain.check().toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> err).get(10, TimeUnit.SECONDS);
      assertThat(refused).isNotNull();
      assertThat(refused.getMessage()).contains("28000").contains("no encryption");
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(2)
  void shouldBeHealthyWithVerifyFullAndTheRightCa() {
    Await.until(Duration.ofSeconds(20), () -> "trusted " + daemon.status("trusted"),
        () -> daemon.status("trusted").condition() == ChannelCondition.HEALTHY);
  }

  @Test
  @Order(3)
  void shouldNameTheUntrustedCertificate() {
    ChannelStatus s = awaitError("untrusted", "certificate not trusted");
    System.out.println("untrusted: " + s.condition() + " / " + s.verdict() + " / " + s.lastError());
    assertThat(s.condition()).isNotEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.lastError().orElseThrow()).contains("TLS: certificate not trusted (PKIX path building failed)");
    assertThat(s.verdict()).contains("TLS: certificate not trusted");
    assertThat(daemon.lastErrorCode("untrusted")).contains(FailureCode.TLS);
  }

  @Test
  @Order(4)
  void shouldNameAHostNameMismatchUnderVerifyFull() {
    ChannelStatus s = awaitError("wrong-host", "host name mismatch");
    System.out.println("wrong-host: " + s.condition() + " / " + s.verdict() + " / " + s.lastError());
    assertThat(s.condition()).isNotEqualTo(ChannelCondition.HEALTHY);
    assertThat(daemon.lastErrorCode("wrong-host")).contains(FailureCode.TLS);
  }

  @Test
  @Order(5)
  void shouldCheckTargetsAndPgPromoteOverTheSameTls() throws Exception {
    Vertx vertx = Vertx.vertx(TestVertx.options());
    try {
      Endpoint trusted = new Endpoint(url("localhost", pg.primaryPort(), "verify-full"),
          Optional.of(io.drwatch.config.Secret.fromFile(passwordFile)), Optional.of(good.ca()), Optional.empty());
      PgTargetProbe.create(vertx, trusted, Duration.ofSeconds(3)).check().await(10, TimeUnit.SECONDS);
      Endpoint untrusted = new Endpoint(trusted.url(), trusted.password(), Optional.of(other.ca()), Optional.empty());
      Throwable refused = PgTargetProbe.create(vertx, untrusted, Duration.ofSeconds(3)).check().toCompletionStage()
          .toCompletableFuture().handle((ok, err) -> err).get(10, TimeUnit.SECONDS);
      assertThat(refused).hasMessage("TLS: certificate not trusted (PKIX path building failed)");
      Map<String, String> standby = Map.of("url", url("localhost", pg.standbyPort(), "verify-full"),
          "caFile", good.ca().toString(), "passwordFile", passwordFile.toString());
      assertThat(PgPromoteAction.create(vertx).check(new Step("promote", standby, false)).await(10, TimeUnit.SECONDS))
          .as("the standby is still in recovery").isFalse();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(6)
  void shouldPickUpARotatedPasswordFileWithoutRestart() throws Exception {
    // The server's password changes first and the live sessions end, as after a rotation that
    // reached the database before the secret file: new logins with the old password fail.
    pg.psqlPrimary("ALTER ROLE drwatch PASSWORD 'second-secret-longer'");
    Await.until(Duration.ofSeconds(10), "standby to replay the new password", () -> {
      terminate();
      return daemon.status("trusted").lastError().orElse("").contains("password authentication failed");
    });
    assertThat(daemon.status("trusted").condition()).isNotEqualTo(ChannelCondition.HEALTHY);
    Files.writeString(passwordFile, "second-secret-longer\n");
    Await.until(Duration.ofSeconds(20), () -> "trusted " + daemon.status("trusted"),
        () -> daemon.status("trusted").condition() == ChannelCondition.HEALTHY);
  }

  private static void terminate() throws java.io.IOException {
    String sql = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE usename = 'drwatch'";
    pg.psqlPrimary(sql);
    pg.psqlStandby(sql);
  }

  private static ChannelStatus awaitError(String channel, String text) {
    Await.until(Duration.ofSeconds(20), () -> channel + " " + daemon.status(channel),
        () -> daemon.status(channel).lastError().orElse("").contains(text));
    return daemon.status(channel);
  }
}
