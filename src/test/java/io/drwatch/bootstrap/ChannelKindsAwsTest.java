package io.drwatch.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsRequestCounts;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.config.HeartbeatConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.port.ChannelProbe;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** The rds and aurora-global factories as the daemon calls them (no remote call happens at build time). */
class ChannelKindsAwsTest {
  private Vertx vertx;
  private SharedAws aws;
  private CloudWatchReaders cloudWatch;

  @BeforeEach
  void start() {
    vertx = TestVertx.create();
    AwsRequestCounts counts = new AwsRequestCounts();
    aws = new SharedAws(() -> AwsClients.create(AwsSettings.DEFAULT,
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")), counts), counts);
    cloudWatch = CloudWatchReaders.withDefaults(vertx, aws);
  }

  @AfterEach
  void stop() throws Exception {
    cloudWatch.close();
    aws.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static ChannelConfig channel(ChannelKind kind, Map<String, String> params) {
    return new ChannelConfig("orders", kind, Optional.empty(), Optional.empty(),
        new HeartbeatConfig(Duration.ofMinutes(1), Duration.ofSeconds(10), "drwatch_heartbeat", "orders", 3),
        Duration.ofMinutes(5), params);
  }

  @Test
  void managedKindsBuildWithoutACanary() {
    ChannelKinds.Deps deps = new ChannelKinds.Deps(vertx, aws, cloudWatch);
    ChannelProbe rds = ChannelKinds.probe(deps, channel(ChannelKind.RDS, Map.of("region", "us-west-2", "instance", "orders-dr")));
    ChannelProbe aurora = ChannelKinds.probe(deps,
        channel(ChannelKind.AURORA_GLOBAL, Map.of("region", "us-east-1", "globalCluster", "orders-global")));
    assertThat(rds).isInstanceOf(ManagedChannelProbe.class);
    assertThat(aurora).isInstanceOf(ManagedChannelProbe.class);
  }
}
