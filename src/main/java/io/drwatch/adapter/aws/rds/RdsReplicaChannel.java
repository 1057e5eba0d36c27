package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.config.ChannelConfig;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/** Builds the telemetry of an {@code rds} channel from its params (on the starting thread). */
public final class RdsReplicaChannel {
  private RdsReplicaChannel() {}

  public static RdsTelemetry telemetry(Vertx vertx, AwsClients aws, CloudWatchReaders cloudWatch, ChannelConfig c) {
    AwsEndpoint endpoint = endpoint(c);
    RdsAsyncClient rds = aws.configure(RdsAsyncClient.builder(), endpoint).build();
    return new RdsTelemetry(vertx, rds, cloudWatch.reader(endpoint), c.param("instance"), Duration.ofMinutes(1));
  }

  /** Region, optional endpointOverride and optional assumeRole (another account's replica). */
  public static AwsEndpoint endpoint(ChannelConfig c) {
    return new AwsEndpoint(c.param("region"), c.optionalParam("endpointOverride").map(URI::create),
        c.optionalParam("assumeRole"));
  }

}
