package io.drwatch.adapter.aws;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
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
  private final EventLoopGroup eventLoops;
  private final SdkAsyncHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final AwsSettings settings;
  private final AwsRequestCounts requests;
  private final java.util.concurrent.ConcurrentMap<AwsEndpoint, AssumedRoles.Provider> roles =
      new java.util.concurrent.ConcurrentHashMap<>();

  private AwsClients(EventLoopGroup eventLoops, SdkAsyncHttpClient http, AwsCredentialsProvider credentials,
      AwsSettings settings, AwsRequestCounts requests) {
    this.eventLoops = eventLoops;
    this.http = http;
    this.credentials = credentials;
    this.settings = settings;
    this.requests = requests;
  }

  /** The default credentials chain (environment, profile, web identity, container, instance). */
  public static AwsClients create(AwsSettings settings) {
    return create(settings, DefaultCredentialsProvider.builder().build());
  }

  public static AwsClients create(AwsSettings settings, AwsCredentialsProvider credentials) {
    return create(settings, credentials, new AwsRequestCounts(AwsRequestCounts.longest(settings)));
  }

  /** With counters the caller already holds (the daemon binds them to metrics before any client exists). */
  public static AwsClients create(AwsSettings settings, AwsCredentialsProvider credentials, AwsRequestCounts requests) {
    // Our own group, not one the SDK builds: the SDK's close() waits out a 2 s graceful-shutdown
    // quiet period, ours does not (nothing is in flight once the clients are closed). The SDK
    // (2.40) only recognises the classic group classes, hence the deprecated NioEventLoopGroup.
    @SuppressWarnings("deprecation")
    EventLoopGroup eventLoops = new NioEventLoopGroup(settings.eventLoopThreads(),
        new DefaultThreadFactory("drwatch-aws", true));
    SdkAsyncHttpClient http = NettyNioAsyncHttpClient.builder()
        .eventLoopGroup(SdkEventLoopGroup.create(eventLoops, NioSocketChannel::new))
        .connectionTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .connectionAcquisitionTimeout(settings.apiCallTimeout())
        .maxConcurrency(settings.maxConnections())
        .build();
    return new AwsClients(eventLoops, http, credentials, settings, requests);
  }

  /**
   * Points {@code builder} (e.g. {@code SqsAsyncClient.builder()}) at {@code endpoint} with the
   * shared HTTP client, credentials and timeouts, with SDK retries off (callers retry on Vert.x
   * timers, see {@link AwsFailures} and {@link io.drwatch.adapter.support.Retry}) and every call counted in {@link #requests}. A caller that sets
   * its own {@code overrideConfiguration} afterwards must keep the interceptor.
   */
  public <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C> B configure(B builder, AwsEndpoint endpoint) {
    builder.httpClient(http)
        .credentialsProvider(credentialsFor(endpoint))
        .region(Region.of(endpoint.region()))
        .overrideConfiguration(o -> o
            .apiCallTimeout(settings.apiCallTimeout())
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .addExecutionInterceptor(requests));
    endpoint.endpointOverride().ifPresent(builder::endpointOverride);
    return builder;
  }

  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /**
   * The daemon's credentials, or for an endpoint with a role, that role's: assumed with STS (in
   * the endpoint's region, through its override) from the daemon's credentials, one provider per
   * role and endpoint, refreshed in the background before the session expires.
   */
  public AwsCredentialsProvider credentialsFor(AwsEndpoint endpoint) {
    if (endpoint.role().isEmpty()) {
      return credentials;
    }
    return roles.computeIfAbsent(endpoint, e -> AssumedRoles.provider(e, credentials, settings));
  }

  /** Every call made by clients built through {@link #configure}. */
  public AwsRequestCounts requests() {
    return requests;
  }

  public AwsSettings settings() {
    return settings;
  }

  /** Closes the HTTP client and the credentials provider, and lets the event loops go without waiting. */
  @Override
  public void close() {
    roles.values().forEach(AssumedRoles.Provider::close);
    http.close();
    if (credentials instanceof SdkAutoCloseable c) {
      c.close();
    }
    eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
  }
}
