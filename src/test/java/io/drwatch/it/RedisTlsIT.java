package io.drwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.adapter.redis.RedisPromoteAction;
import io.drwatch.adapter.redis.RedisTargetProbe;
import io.drwatch.config.Endpoint;
import io.drwatch.domain.FailureCode;
import io.drwatch.domain.channel.ChannelCondition;
import io.drwatch.domain.channel.ChannelStatus;
import io.drwatch.lab.RedisPair;
import io.drwatch.lab.TlsFiles;
import io.drwatch.port.FailoverAction.Step;
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
 * Redis 7 with TLS only ({@code --port 0 --tls-port}), the replica replicating over TLS, and an
 * ACL user: a {@code rediss://drwatch@localhost} channel with the right CA is HEALTHY, one with a
 * CA that did not sign the server is not and names the certificate problem; redis-promote reaches
 * the same servers; the last test rotates the password file.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisTlsIT {
  private static Path dir;
  private static TlsFiles good;
  private static TlsFiles other;
  private static RedisPair redis;
  private static Path passwordFile;
  private static DaemonHarness daemon;

  // Named warmUp for the blocked-thread check: besides starting the servers it takes the cold JVM's
  // one-off TLS and class-loading costs, up to the first settled round.
  @BeforeAll
  static void warmUp() throws Exception {
    dir = Files.createTempDirectory("drwatch-redis-tls-");
    good = TlsFiles.create(dir.resolve("good"), "good");
    other = TlsFiles.create(dir.resolve("other"), "other");
    redis = RedisPair.start(Path.of(System.getProperty("java.io.tmpdir")), 0, 0, Optional.of(good));
    // ACLs are per server, not replicated.
    for (boolean primary : new boolean[] {true, false}) {
      String reply = cli(primary, "ACL", "SETUSER", "drwatch", "on", ">first-secret", "~*", "&*", "+@all");
      assertThat(reply).isEqualTo("OK");
    }
    passwordFile = dir.resolve("redis-password");
    Files.writeString(passwordFile, "first-secret\n");
    daemon = DaemonHarness.start("""
        http: { host: 127.0.0.1, port: 0 }
        channels:
          - name: trusted
            kind: redis
            primary: { url: "%1$s", passwordFile: %3$s, caFile: %4$s }
            replica: { url: "%2$s", passwordFile: %3$s, caFile: %4$s }
            heartbeat: { interval: 200ms, timeout: 1s }
          - name: untrusted
            kind: redis
            primary: { url: "%1$s", passwordFile: %3$s, caFile: %5$s }
            replica: { url: "%2$s", passwordFile: %3$s, caFile: %5$s }
            heartbeat: { interval: 200ms, timeout: 1s }
        """.formatted(url(redis.primaryPort()), url(redis.replicaPort()), passwordFile, good.ca(), other.ca()));
    // The tests look at settled channels; the daemon's cold start is not what they measure.
    Await.until(Duration.ofSeconds(30), () -> "trusted " + daemon.status("trusted"),
        () -> daemon.status("trusted").condition() == ChannelCondition.HEALTHY);
  }

  private static String url(int port) {
    return "rediss://drwatch@localhost:" + port;
  }

  private static String cli(boolean primary, String... args) throws java.io.IOException {
    return primary ? redis.cliPrimary(args) : redis.cliReplica(args);
  }

  @AfterAll
  static void stop() throws Exception {
    if (daemon != null) {
      daemon.close();
    }
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  @Order(1)
  void shouldServeTlsOnlyAndReplicateOverIt() throws Exception {
    assertThat(redis.cliReplica("INFO", "replication")).contains("master_link_status:up");
    Vertx vertx = Vertx.vertx(TestVertx.options());
    try {
      RedisTargetProbe plain = RedisTargetProbe.create(vertx, "redis://127.0.0.1:" + redis.primaryPort(),
          Optional.of("first-secret"), Duration.ofSeconds(2));
      Throwable refused = plain.check().toCompletionStage().toCompletableFuture()
          .handle((ok, err) -> err).get(10, TimeUnit.SECONDS);
      assertThat(refused).as("a plaintext PING on the TLS port").isNotNull();
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(2)
  void shouldBeHealthyWithTheRightCaAndAnAclUser() {
    assertThat(daemon.status("trusted").condition()).isEqualTo(ChannelCondition.HEALTHY);
    assertThat(daemon.status("trusted").replicaSeq()).isPositive();
  }

  @Test
  @Order(3)
  void shouldNameTheUntrustedCertificate() {
    Await.until(Duration.ofSeconds(20), () -> "untrusted " + daemon.status("untrusted"),
        () -> daemon.status("untrusted").lastError().orElse("").contains("certificate not trusted"));
    ChannelStatus s = daemon.status("untrusted");
    System.out.println("untrusted: " + s.condition() + " / " + s.verdict());
    assertThat(s.condition()).isNotEqualTo(ChannelCondition.HEALTHY);
    assertThat(s.lastError().orElseThrow()).contains("TLS: certificate not trusted (PKIX path building failed)");
    assertThat(daemon.lastErrorCode("untrusted")).contains(FailureCode.TLS);
  }

  @Test
  @Order(4)
  void shouldReachTheServersForRedisPromoteAndTargetsOverTls() throws Exception {
    Vertx vertx = Vertx.vertx(TestVertx.options());
    try {
      RedisPromoteAction action = RedisPromoteAction.create(vertx);
      Map<String, String> params = Map.of("url", url(redis.primaryPort()), "caFile", good.ca().toString(),
          "passwordFile", passwordFile.toString());
      assertThat(action.check(new Step("promote", params, false)).await(10, TimeUnit.SECONDS))
          .as("the primary is role:master already").isTrue();
      Map<String, String> untrusted = Map.of("url", url(redis.replicaPort()), "caFile", other.ca().toString(),
          "passwordFile", passwordFile.toString());
      Throwable err = action.check(new Step("promote", untrusted, false)).toCompletionStage().toCompletableFuture()
          .handle((ok, e) -> e).get(10, TimeUnit.SECONDS);
      assertThat(err).hasMessageContaining("TLS: certificate not trusted");
      Endpoint target = new Endpoint(url(redis.primaryPort()), Optional.of(io.drwatch.config.Secret.fromFile(passwordFile)),
          Optional.of(good.ca()), Optional.empty());
      RedisTargetProbe.create(vertx, target, Duration.ofSeconds(3)).check().await(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Order(5)
  void shouldPickUpARotatedPasswordFileWithoutRestart() throws Exception {
    for (boolean primary : new boolean[] {true, false}) {
      cli(primary, "ACL", "SETUSER", "drwatch", "resetpass", ">second-secret-longer");
    }
    Await.until(Duration.ofSeconds(10), "the channel to fail with the old password", () -> {
      cli(true, "CLIENT", "KILL", "USER", "drwatch");
      cli(false, "CLIENT", "KILL", "USER", "drwatch");
      return daemon.status("trusted").condition() != ChannelCondition.HEALTHY;
    });
    System.out.println("old password: " + daemon.status("trusted").verdict());
    Files.writeString(passwordFile, "second-secret-longer\n");
    Await.until(Duration.ofSeconds(20), () -> "trusted " + daemon.status("trusted"),
        () -> daemon.status("trusted").condition() == ChannelCondition.HEALTHY);
  }
}
