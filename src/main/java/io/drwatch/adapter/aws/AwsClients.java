package io.drwatch.adapter.aws;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * What every AWS client shares: one Netty HTTP client (one small event-loop group and connection
 * pool for all services and regions), one credentials provider, and the timeouts. Building it
 * starts threads and may read credential files, so call {@link #create} at startup from
 * {@code main}, never on an event loop. Clients built through {@link #configure} borrow the HTTP
 * client; {@link #close()} releases it, after the clients that use it.
 */
public final class AwsClients implements AutoCloseable {
  private final SdkAsyncHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final AwsSettings settings;

  private AwsClients(SdkAsyncHttpClient http, AwsCredentialsProvider credentials, AwsSettings settings) {
    this.http = http;
    this.credentials = credentials;
    this.settings = settings;
  }

  /** The default credentials chain (environment, profile, web identity, container, instance). */
  public static AwsClients create(AwsSettings settings) {
    return create(settings, DefaultCredentialsProvider.builder().build());
  }

  public static AwsClients create(AwsSettings settings, AwsCredentialsProvider credentials) {
    SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
        .eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(settings.eventLoopThreads()))
        .connectionTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .connectionAcquisitionTimeout(settings.apiCallTimeout())
        .maxConcurrency(settings.maxConnections())
        .build();
    return new AwsClients(http, credentials, settings);
  }

  /**
   * Points {@code builder} (e.g. {@code SqsAsyncClient.builder()}) at {@code endpoint} with the
   * shared HTTP client, credentials and timeouts, and with SDK retries off: callers retry on Vert.x
   * timers (see {@link AwsRetries}).
   */
  public <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C> B configure(B builder, AwsEndpoint endpoint) {
    builder.httpClient(http)
        .credentialsProvider(credentials)
        .region(Region.of(endpoint.region()))
        .overrideConfiguration(o -> o
            .apiCallTimeout(settings.apiCallTimeout())
            .retryStrategy(AwsRetryStrategy.doNotRetry()));
    endpoint.endpointOverride().ifPresent(builder::endpointOverride);
    return builder;
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  public AwsSettings settings() {
    return settings;
  }

  @Override
  public void close() {
    http.close();
    if (credentials instanceof SdkAutoCloseable c) {
      c.close();
    }
  }
}
