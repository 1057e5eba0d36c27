package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsRequestCounts;
import io.drwatch.adapter.aws.AwsSettings;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * One {@link AwsClients} for a daemon's channels, built on first use, or up front by {@link
 * #warmUp} (from {@code main}: building starts threads and resolving credentials may call the
 * instance metadata service, neither of which may happen on an event loop).
 */
final class SharedAws implements Supplier<AwsClients>, AutoCloseable {
  private final Supplier<AwsClients> factory;
  private final AwsRequestCounts requests;
  private AwsClients aws;
  private boolean closed;

  SharedAws(Supplier<AwsClients> factory, AwsRequestCounts requests) {
    this.factory = factory;
    this.requests = requests;
  }

  static SharedAws withDefaults() {
    AwsRequestCounts requests = new AwsRequestCounts();
    return new SharedAws(() -> AwsClients.create(AwsSettings.DEFAULT, DefaultCredentialsProvider.builder().build(),
        requests), requests);
  }

  /** The call counters of the clients, which exist before the clients are built. */
  AwsRequestCounts requests() {
    return requests;
  }

  @Override
  public synchronized AwsClients get() {
    if (closed) {
      throw new IllegalStateException("AWS clients already closed (shutting down)");
    }
    if (aws == null) {
      aws = factory.get();
    }
    return aws;
  }

  /**
   * Builds the clients and resolves credentials now, so that a missing role or profile is reported
   * at startup, not at the first probe. A failure is returned, not thrown: probes report it per
   * channel and retry, and the daemon still serves its other channels.
   */
  String warmUp() {
    try {
      get().credentials().resolveIdentity().join();
      return "";
    } catch (RuntimeException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (aws != null) {
      aws.close();
      aws = null;
    }
  }
}
