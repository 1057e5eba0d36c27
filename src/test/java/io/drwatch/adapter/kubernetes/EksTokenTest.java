package io.drwatch.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** The aws-iam-authenticator token format, and when a new token is signed. */
class EksTokenTest {
  private static final Instant T0 = Instant.parse("2026-11-26T03:00:00Z");

  private static URI decode(String token) {
    assertThat(token).startsWith("k8s-aws-v1.").doesNotContain("=");
    String body = token.substring("k8s-aws-v1.".length());
    assertThat(body).matches("[A-Za-z0-9_-]+");
    return URI.create(new String(Base64.getUrlDecoder().decode(body), StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(URI url) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      q.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return q;
  }

  @Test
  void shouldBeAPresignedGetCallerIdentityUrlSigningTheClusterHeader() {
    String token = EksToken.sign("prod-dr", "eu-west-1",
        AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token"), T0);

    URI url = decode(token);
    assertThat(url.getScheme()).isEqualTo("https");
    assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
    assertThat(url.getPath()).isEqualTo("/");
    Map<String, String> q = query(url);
    assertThat(q).containsEntry("Action", "GetCallerIdentity")
        .containsEntry("Version", "2011-06-15")
        .containsEntry("X-Amz-Algorithm", "AWS4-HMAC-SHA256")
        .containsEntry("X-Amz-Expires", "60")
        .containsEntry("X-Amz-Date", "20261126T030000Z")
        .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261126/eu-west-1/sts/aws4_request")
        .containsEntry("X-Amz-SignedHeaders", "host;x-k8s-aws-id")
        .containsEntry("X-Amz-Security-Token", "session-token");
    assertThat(q.get("X-Amz-Signature")).matches("[0-9a-f]{64}");
    assertThat(url.toString()).as("the secret key never travels").doesNotContain("secret&").doesNotContain("=secret");
  }

  @Test
  void shouldSignForTheStsHostOfTheRegionsPartition() {
    AwsSessionCredentials creds = AwsSessionCredentials.create("AKIDEXAMPLE", "secret", "session-token");

    URI cn = decode(EksToken.sign("prod-dr", "cn-north-1", creds, T0));
    URI gov = decode(EksToken.sign("prod-dr", "us-gov-west-1", creds, T0));

    assertThat(cn.getHost()).isEqualTo("sts.cn-north-1.amazonaws.com.cn");
    assertThat(query(cn)).containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20261126/cn-north-1/sts/aws4_request");
    assertThat(gov.getHost()).isEqualTo("sts.us-gov-west-1.amazonaws.com");
  }

  @Test
  void shouldSignTheClusterName() {
    AwsBasicCredentials creds = AwsBasicCredentials.create("AKIDEXAMPLE", "secret");
    String a = EksToken.sign("prod-dr", "eu-west-1", creds, T0);
    assertThat(EksToken.sign("prod-dr", "eu-west-1", creds, T0)).isEqualTo(a);
    String other = query(decode(EksToken.sign("prod-primary", "eu-west-1", creds, T0))).get("X-Amz-Signature");
    assertThat(other).isNotEqualTo(query(decode(a)).get("X-Amz-Signature"));
  }

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void shouldReuseATokenForTenMinutesThenSignANewOneWithFreshCredentials() {
    AtomicInteger resolved = new AtomicInteger();
    AwsCredentialsProvider creds = () -> {
      resolved.incrementAndGet();
      return (AwsCredentials) AwsBasicCredentials.create("AKID" + resolved.get(), "secret");
    };
    MovingClock clock = new MovingClock();
    EksToken tokens = new EksToken("prod-dr", "us-west-2", creds, clock);

    String first = tokens.getToken();
    clock.now = T0.plus(Duration.ofMinutes(9).plusSeconds(59));
    assertThat(tokens.getToken()).isSameAs(first);
    clock.now = T0.plus(EksToken.REUSE);
    String second = tokens.getToken();

    assertThat(second).isNotEqualTo(first);
    assertThat(resolved).hasValue(2);
    assertThat(query(decode(second))).containsEntry("X-Amz-Date", "20261126T031000Z")
        .containsEntry("X-Amz-Credential", "AKID2/20261126/us-west-2/sts/aws4_request");
  }
}
