package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.rds.RdsReplicaChannel;
import io.drwatch.config.ChannelConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;

/** Builds the telemetry of an {@code elasticache-global} channel from its params (on the starting thread). */
public final class ElastiCacheGlobalChannel {
  private ElastiCacheGlobalChannel() {}

  public static ElastiCacheGlobalTelemetry telemetry(Vertx vertx, AwsClients aws, CloudWatchReaders readers,
      ChannelConfig c) {
    AwsEndpoint endpoint = RdsReplicaChannel.endpoint(c); // same region/override/assumeRole rules
    ElastiCacheAsyncClient client = aws.configure(ElastiCacheAsyncClient.builder(), endpoint).build();
    // Comma-separated, so that both sides' nodes can be named and a role swap still finds the right one.
    List<String> nodes = c.optionalParam("secondaryNode").stream()
        .flatMap(s -> Arrays.stream(s.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new ElastiCacheGlobalTelemetry(vertx, client,
        region -> aws.configure(ElastiCacheAsyncClient.builder(), endpoint.inRegion(region)).build(), readers,
        c.param("globalReplicationGroup"), nodes, endpoint, Duration.ofMinutes(1));
  }
}
