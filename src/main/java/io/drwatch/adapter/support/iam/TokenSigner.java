package io.drwatch.adapter.support.iam;

import java.time.Clock;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.rds.RdsUtilities;

/**
 * The two token formats, both a SigV4-presigned GET without its scheme. Blocking: resolving
 * credentials may read files or call the instance metadata service.
 */
final class TokenSigner {
  /** What RDS and ElastiCache accept as the longest life of a token. */
  static final Duration LIFETIME = Duration.ofMinutes(15);

  private TokenSigner() {}

  /** {@code host:port/?Action=connect&DBUser=user&X-Amz-...}, as the SDK makes it. */
  static String rds(AwsCredentialsProvider credentials, String region, String host, int port, String user) {
    return RdsUtilities.builder().credentialsProvider(credentials).region(Region.of(region)).build()
        .generateAuthenticationToken(b -> b.hostname(host).port(port).username(user));
  }

  /**
   * {@code cacheName/?Action=connect&User=userId&X-Amz-...}: the request ElastiCache documents for
   * IAM auth, signed for service {@code elasticache} with a 15-minute expiry.
   */
  static String elastiCache(AwsCredentialsProvider credentials, String region, String cacheName, String userId,
      boolean serverless, Clock clock) {
    SdkHttpRequest.Builder builder = SdkHttpRequest.builder()
        .method(SdkHttpMethod.GET)
        .protocol("http")
        .host(cacheName)
        .encodedPath("/")
        .putRawQueryParameter("Action", "connect")
        .putRawQueryParameter("User", userId);
    if (serverless) {
      builder.putRawQueryParameter("ResourceType", "ServerlessCache");
    }
    SdkHttpRequest request = builder.build();
    SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(request)
        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "elasticache")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
        .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
        .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, LIFETIME)
        .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock))
        .request();
    return signed.getUri().toString().replaceFirst("^http://", "");
  }
}
