package io.drwatch.adapter.kubernetes;

import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.ServiceMetadata;

/**
 * The EKS bearer token (aws-iam-authenticator format): {@code k8s-aws-v1.} + base64url, without
 * padding, of an STS {@code GetCallerIdentity} URL presigned (SigV4, query string, 60 s) with the
 * signed header {@code x-k8s-aws-id: <cluster>}. The API server replays the URL to STS to learn who
 * we are. EKS accepts a token for at most 15 minutes after signing, so one is reused for {@link
 * #REUSE} and then signed afresh; fabric8 asks this provider on every request.
 *
 * <p>Signing is CPU only, but resolving credentials may be a blocking HTTP call (container or
 * instance metadata); the provider is called on the worker threads of {@link KubeCalls}.
 */
final class EksToken implements OAuthTokenProvider {
  static final String PREFIX = "k8s-aws-v1.";
  static final Duration PRESIGN_EXPIRY = Duration.ofSeconds(60);
  /** Well inside the 15 minutes EKS accepts, leaving room for clock skew and a slow request. */
  static final Duration REUSE = Duration.ofMinutes(10);

  private final String cluster;
  private final String region;
  private final AwsCredentialsProvider credentials;
  private final Clock clock;
  private String token;
  private Instant signedAt;

  EksToken(String cluster, String region, AwsCredentialsProvider credentials, Clock clock) {
    this.cluster = cluster;
    this.region = region;
    this.credentials = credentials;
    this.clock = clock;
  }

  @Override
  public synchronized String getToken() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(signedAt.plus(REUSE))) {
      token = sign(cluster, region, credentials.resolveCredentials(), now);
      signedAt = now;
    }
    return token;
  }

  /** One token, signed at {@code now}. */
  static String sign(String cluster, String region, AwsCredentialsIdentity identity, Instant now) {
    SdkHttpRequest request = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .uri(stsEndpoint(region))
        .appendRawQueryParameter("Action", "GetCallerIdentity")
        .appendRawQueryParameter("Version", "2011-06-15")
        .putHeader("x-k8s-aws-id", cluster)
        .build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .request(request)
        .identity(identity)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, PRESIGN_EXPIRY)
        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(now, java.time.ZoneOffset.UTC)))
        .request();
    String url = signed.getUri().toString();
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * STS's regional endpoint as the SDK's endpoint metadata knows it: the partition's DNS suffix
   * differs ({@code amazonaws.com.cn} in aws-cn), and the API server replays the URL as signed.
   */
  static URI stsEndpoint(String region) {
    return URI.create("https://" + ServiceMetadata.of("sts").endpointFor(Region.of(region)) + "/");
  }
}
