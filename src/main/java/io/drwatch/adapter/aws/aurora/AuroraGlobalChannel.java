package io.drwatch.adapter.aws.aurora;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.rds.RdsReplicaChannel;
import io.drwatch.config.ChannelConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/** Builds the telemetry of an {@code aurora-global} channel from its params (on the starting thread). */
public final class AuroraGlobalChannel {
  private AuroraGlobalChannel() {}

  public static AuroraGlobalTelemetry telemetry(Vertx vertx, AwsClients aws, CloudWatchReaders readers, ChannelConfig c) {
    AwsEndpoint endpoint = RdsReplicaChannel.endpoint(c); // same region/override/assumeRole rules
    RdsAsyncClient rds = aws.configure(RdsAsyncClient.builder(), endpoint).build();
    return new AuroraGlobalTelemetry(vertx, rds, readers, c.param("globalCluster"), endpoint,
        Duration.ofMinutes(1));
  }
}
