package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/**
 * One RDS client per (region, endpoint), built on first use. {@link #get} is only called inside
 * an {@code AwsCall} invocation, i.e. on a worker thread: building a client loads classes and may
 * read configuration files.
 */
final class RdsClientCache implements AutoCloseable {
  private final Function<AwsEndpoint, RdsAsyncClient> build;
  private final ConcurrentMap<AwsEndpoint, RdsAsyncClient> clients = new ConcurrentHashMap<>();

  RdsClientCache(Function<AwsEndpoint, RdsAsyncClient> build) {
    this.build = build;
  }

  static RdsClientCache of(Supplier<AwsClients> aws) {
    return new RdsClientCache(endpoint -> aws.get().configure(RdsAsyncClient.builder(), endpoint).build());
  }

  RdsAsyncClient get(AwsEndpoint endpoint) {
    return clients.computeIfAbsent(endpoint, build);
  }

  /** Closes the clients built so far (they borrow {@link AwsClients}' HTTP client). */
  @Override
  public void close() {
    clients.values().forEach(RdsAsyncClient::close);
    clients.clear();
  }
}
