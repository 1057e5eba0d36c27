package io.drwatch.adapter.support.iam;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The two token formats as structure, with static test credentials, and their reuse window. */
class AuthTokensTest {
  private static final AwsCredentialsProvider CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
  private static final Instant T0 = Instant.parse("2026-12-07T05:00:00Z");
  private static Vertx vertx;

  // One Vert.x for the class, started here with the SDK's signer loaded: a cold JVM's one-off costs.
  @BeforeAll
  static void warmUp() throws Exception {
    vertx = TestVertx.create();
    TokenSigner.elastiCache(CREDENTIALS, "eu-west-1", "warm", "up", false, Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldPresignAnRdsConnectForHostPortAndUser() {
    String token = TokenSigner.rds(CREDENTIALS, "us-west-2", "orders.cluster-abc.us-west-2.rds.amazonaws.com", 5432,
        "drwatch");
    assertThat(token).startsWith("orders.cluster-abc.us-west-2.rds.amazonaws.com:5432/?").doesNotContain("://");
    Map<String, String> q = query(token);
    assertThat(q).containsEntry("Action", "connect").containsEntry("DBUser", "drwatch")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Expires", "900")
        .containsEntry("X-Amz-SignedHeaders", "host");
    assertThat(q.get("X-Amz-Credential")).matches("AKIDEXAMPLE/\\d{8}/us-west-2/rds-db/aws4_request");
    assertThat(q.get("X-Amz-Date")).matches("\\d{8}T\\d{6}Z");
    assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
  }

  @Test
  void shouldPresignAnElastiCacheConnectForTheCacheAndUser() {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    String token = TokenSigner.elastiCache(CREDENTIALS, "eu-west-1", "sessions-rg", "drwatch-user", false, clock);
    assertThat(token).startsWith("sessions-rg/?").doesNotContain("://");
    Map<String, String> q = query(token);
    assertThat(q).containsEntry("Action", "connect").containsEntry("User", "drwatch-user")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256").containsEntry("X-Amz-Expires", "900")
        .containsEntry("X-Amz-Date", "20261207T050000Z").containsEntry("X-Amz-SignedHeaders", "host")
        .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261207/eu-west-1/elasticache/aws4_request");
    assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    // The signature covers the user: another user id, another signature.
    String other = TokenSigner.elastiCache(CREDENTIALS, "eu-west-1", "sessions-rg", "someone-else", false, clock);
    assertThat(query(other).get("X-Amz-Signature")).isNotEqualTo(q.get("X-Amz-Signature"));
    assertThat(TokenSigner.elastiCache(CREDENTIALS, "eu-west-1", "sessions-rg", "drwatch-user", false, clock))
        .isEqualTo(token);
    assertThat(query(TokenSigner.elastiCache(CREDENTIALS, "eu-west-1", "sessions", "drwatch-user", true, clock)))
        .containsEntry("ResourceType", "ServerlessCache").containsEntry("Action", "connect");
  }

  @Test
  void shouldReuseATokenForTenMinutesThenSignAnother() throws Exception {
    AtomicReference<Instant> now = new AtomicReference<>(T0);
    Clock clock = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now.get();
      }
    };
    AtomicInteger signed = new AtomicInteger();
    AuthTokens tokens = AuthTokens.elastiCache(vertx, () -> {
      signed.incrementAndGet();
      return CREDENTIALS;
    }, "eu-west-1", "sessions-rg", "drwatch-user", false, clock);
    String first = tokens.get().await(5, TimeUnit.SECONDS);
    now.set(T0.plus(Duration.ofMinutes(9)));
    assertThat(tokens.get().await(5, TimeUnit.SECONDS)).isEqualTo(first);
    assertThat(signed).hasValue(1);
    now.set(T0.plus(AuthTokens.REUSE_FOR));
    String second = tokens.get().await(5, TimeUnit.SECONDS);
    assertThat(signed).hasValue(2);
    assertThat(query(second).get("X-Amz-Date")).isEqualTo("20261207T051000Z");
  }

  @Test
  void shouldFailCodedAuthWhenNoCredentialsResolve() {
    AuthTokens tokens = AuthTokens.rds(vertx, () -> {
      throw new IllegalStateException("Unable to load credentials from any of the providers in the chain");
    }, "us-west-2", "db.example", 5432, "drwatch");
    Throwable err = tokens.get().toCompletionStage().toCompletableFuture().handle((ok, e) -> e).join();
    assertThat(err).isInstanceOf(CodedFailure.class).hasMessageContaining("rds-db:connect token for drwatch@db.example:5432")
        .hasMessageContaining("Unable to load credentials");
    assertThat(((CodedFailure) err).code()).isEqualTo(FailureCode.AUTH);
  }

  private static Map<String, String> query(String token) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : URI.create("http://" + token).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }
}
