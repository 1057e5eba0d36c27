package io.drwatch.adapter.aws;

import io.drwatch.port.FailoverAction.Step;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.builder.SdkAsyncClientBuilder;

/**
 * The SDK clients of one AWS failover action: one per (region, endpoint), built on first use.
 * Building loads SDK classes, so call {@link #get} inside the supplier given to {@link AwsFutures#retried}
 * (a worker thread); parse the step's endpoint with {@link #endpoint} on the loop first, so a bad
 * parameter fails with the step's name before anything is built.
 */
public final class StepClients<C extends SdkClient> implements AutoCloseable {
  private final Function<AwsEndpoint, C> build;
  private final ConcurrentMap<AwsEndpoint, C> clients = new ConcurrentHashMap<>();

  public StepClients(Function<AwsEndpoint, C> build) {
    this.build = build;
  }

  /** From the step's {@code region} (required) and optional {@code endpointOverride}. */
  public static AwsEndpoint endpoint(Step step) {
    Optional<URI> override = Optional.ofNullable(step.params().get("endpointOverride"))
        .filter(s -> !s.isBlank()).map(s -> {
          try {
            return URI.create(s.strip());
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("step " + step.id() + ": endpointOverride is not a URI: \"" + s + "\"");
          }
        });
    return new AwsEndpoint(step.param("region"), override);
  }

  /**
   * How an action builds its client for an endpoint: from the daemon's {@link AwsClients}, which
   * {@code aws} hands over on the first call only (on a worker thread).
   */
  public static <B extends AwsClientBuilder<B, C> & SdkAsyncClientBuilder<B, C>, C> Function<AwsEndpoint, C> built(
      Supplier<AwsClients> aws, Supplier<B> builder) {
    return endpoint -> aws.get().configure(builder.get(), endpoint).build();
  }

  public C get(AwsEndpoint endpoint) {
    return clients.computeIfAbsent(endpoint, build);
  }

  /** Closes the clients built so far (they borrow {@link AwsClients}' HTTP client). */
  @Override
  public void close() {
    clients.values().forEach(SdkClient::close);
    clients.clear();
  }
}
