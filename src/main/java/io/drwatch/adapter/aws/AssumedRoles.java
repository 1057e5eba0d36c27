package io.drwatch.adapter.aws;

import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * Credentials of a role assumed with {@code sts:AssumeRole}, for channels whose replica lives in
 * another account ({@code params.assumeRole}). The SDK's provider refreshes the session in the
 * background before it expires; it needs a synchronous STS client, which only ever runs on SDK
 * or worker threads (our calls invoke the SDK on workers, see {@link AwsFutures}).
 */
final class AssumedRoles {
  static final String SESSION_NAME = "drwatch";

  private AssumedRoles() {}

  /** An assumed role's credentials and the STS client behind them, closed together. */
  record Provider(StsClient sts, StsAssumeRoleCredentialsProvider delegate) implements AwsCredentialsProvider {

    @Override
    public AwsCredentials resolveCredentials() {
      return delegate.resolveCredentials();
    }

    void close() {
      delegate.close();
      sts.close();
    }
  }

  static Provider provider(AwsEndpoint endpoint, AwsCredentialsProvider base, AwsSettings settings) {
    String role = endpoint.role().orElseThrow();
    StsClientBuilder builder = StsClient.builder()
        .region(Region.of(endpoint.region()))
        .credentialsProvider(base)
        .overrideConfiguration(o -> o.apiCallTimeout(settings.apiCallTimeout()));
    Optional<URI> override = endpoint.endpointOverride();
    override.ifPresent(builder::endpointOverride);
    StsClient sts = builder.build();
    AssumeRoleRequest request = AssumeRoleRequest.builder().roleArn(role).roleSessionName(SESSION_NAME).build();
    return new Provider(sts, StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts)
        .refreshRequest(request)
        .asyncCredentialUpdateEnabled(true)
        .build());
  }
}
