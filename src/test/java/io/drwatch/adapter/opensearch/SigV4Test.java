package io.drwatch.adapter.opensearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/**
 * The SDK signer as we drive it. The SDK always signs {@code x-amz-content-sha256} too, so the
 * published vectors (which do not) cannot be compared byte for byte; instead a from-the-spec
 * {@link SigV4Reference}, itself checked against the get-vanilla vector, recomputes the signature.
 */
class SigV4Test {
  private static final Clock AT = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  private static final AwsBasicCredentials EXAMPLE = AwsBasicCredentials.create("AKIDEXAMPLE", SECRET);
  private static final String EMPTY_SHA = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  @Test
  void shouldReproduceTheGetVanillaVectorWithTheReference() throws Exception {
    // aws-sig-v4-test-suite/get-vanilla: GET / on example.amazonaws.com, service "service".
    assertThat(SigV4Reference.signature("GET", "/", Map.of("host", "example.amazonaws.com",
        "x-amz-date", "20150830T123600Z"), EMPTY_SHA, "20150830T123600Z", "us-east-1", "service", SECRET))
        .isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
  }

  @Test
  void shouldSignTheGetVanillaRequestAsTheSpecificationSays() throws Exception {
    Map<String, String> h = new SigV4("us-east-1", "service", AT)
        .sign("GET", URI.create("https://example.amazonaws.com/"), Map.of(), null, EXAMPLE);
    assertThat(h).containsEntry("X-Amz-Date", "20150830T123600Z").containsEntry("x-amz-content-sha256", EMPTY_SHA);
    String expected = SigV4Reference.signature("GET", "/", Map.of("host", "example.amazonaws.com",
        "x-amz-content-sha256", EMPTY_SHA, "x-amz-date", "20150830T123600Z"), EMPTY_SHA, "20150830T123600Z",
        "us-east-1", "service", SECRET);
    assertThat(h.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
        + "Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
        + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=" + expected);
  }

  @Test
  void shouldSignAnOpenSearchPostWithItsBodyAndTheSessionToken() throws Exception {
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
    URI uri = URI.create("https://search-dr.eu-west-1.es.amazonaws.com/_plugins/_replication/orders/_stop");
    Map<String, String> h = new SigV4("eu-west-1", SigV4.SERVICE, AT).sign("POST", uri,
        Map.of("Content-Type", "application/json"), body,
        AwsSessionCredentials.create("ASIAEXAMPLE", "secret", "the-session-token"));
    String bodyHash = SigV4Reference.sha256Hex(body);
    String expected = SigV4Reference.signature("POST", uri.getPath(), Map.of("content-type", "application/json",
        "host", uri.getHost(), "x-amz-content-sha256", bodyHash, "x-amz-date", "20150830T123600Z",
        "x-amz-security-token", "the-session-token"), bodyHash, "20150830T123600Z", "eu-west-1", "es", "secret");
    assertThat(h.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 "
        + "Credential=ASIAEXAMPLE/20150830/eu-west-1/es/aws4_request, SignedHeaders="
        + "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=" + expected);
    assertThat(h).containsEntry("X-Amz-Security-Token", "the-session-token")
        .containsEntry("X-Amz-Date", "20150830T123600Z").containsEntry("x-amz-content-sha256", bodyHash);
  }
}
