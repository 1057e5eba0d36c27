package io.drwatch.config;

import static io.drwatch.config.ConfigErrorsTest.errorsOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.domain.channel.ChannelKind;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Managed kinds: provider ids in params, optional or forbidden canaries, slower defaults. */
class ManagedChannelConfigTest {

  private static DrwatchConfig parse(String channels) throws ConfigException {
    return ConfigLoader.parse("channels:\n" + channels, name -> null);
  }

  @Test
  void shouldAcceptEveryManagedKindWithItsParams() throws ConfigException {
    DrwatchConfig config = parse("""
          - { name: orders-rds, kind: rds, params: { region: us-west-2, instance: orders-replica } }
          - name: orders-rds-canary
            kind: rds
            params: { region: us-west-2, instance: orders-replica, endpointOverride: "http://127.0.0.1:5000" }
            primary: { url: "postgresql://drwatch@orders.use1.example:5432/app" }
            replica: { url: "postgresql://drwatch@orders.usw2.example:5432/app" }
          - { name: ledger, kind: aurora-global, params: { region: us-east-1, globalCluster: ledger-global } }
          - { name: sessions, kind: elasticache-global, params: { region: us-east-1, globalReplicationGroup: ldgnf-sessions } }
          - { name: uploads, kind: efs, params: { region: us-west-2, fileSystem: fs-0123456789abcdef0 } }
          - { name: assets, kind: s3, params: { region: us-east-1, sourceBucket: assets-use1, destinationBucket: assets-usw2 } }
          - name: search
            kind: opensearch
            params: { index: products }
            primary: { url: "https://search-leader.example:9200" }
            replica: { url: "https://search-follower.example:9200", password: s3cret }
          - name: standby-apps
            kind: kubernetes
            params: { primaryUrl: "https://k8s-use1.example", standbyUrl: "https://k8s-usw2.example", deployments: "shop/api,shop/web" }
        """);

    assertThat(config.channels()).extracting(ChannelConfig::kind).containsExactly(ChannelKind.RDS, ChannelKind.RDS,
        ChannelKind.AURORA_GLOBAL, ChannelKind.ELASTICACHE_GLOBAL, ChannelKind.EFS, ChannelKind.S3,
        ChannelKind.OPENSEARCH, ChannelKind.KUBERNETES);
    ChannelConfig rds = config.channels().get(0);
    assertThat(rds.hasCanary()).isFalse();
    assertThat(rds.params()).isEqualTo(Map.of("region", "us-west-2", "instance", "orders-replica"));
    assertThat(rds.heartbeat().interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(rds.heartbeat().timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.channels().get(1).hasCanary()).isTrue();
    assertThat(config.channels().get(4).heartbeat().stallIntervals()).isEqualTo(20);
    assertThat(config.channels().get(6).replica().orElseThrow().url()).isEqualTo("https://search-follower.example:9200");
  }

  @Test
  void shouldNameMissingAndUnknownParams() {
    assertThat(errorsOf("channels:\n  - { name: a, kind: rds, params: { region: us-west-2, instanceId: x } }"))
        .containsExactly(
            "channels[0].params.instanceId: unknown param for kind rds; allowed: assumeRole, endpointOverride, "
                + "instance, region",
            "channels[0].params.instance: required for kind rds");
  }

  @Test
  void shouldRejectEndpointsWhereTheKindHasNoCanaryAndHalfACanary() {
    assertThat(errorsOf("""
        channels:
          - name: a
            kind: efs
            params: { region: us-west-2, fileSystem: fs-1 }
            primary: { url: "http://x:1" }
          - name: b
            kind: rds
            params: { region: us-west-2, instance: r }
            primary: { url: "postgresql://u@h/db" }
        """))
        .containsExactly(
            "channels[0].primary: not allowed for kind efs (it is read through params)",
            "channels[1].replica: the canary of kind rds needs both primary and replica, or neither");
  }

  @Test
  void shouldCheckTheCanaryUrlAgainstTheKindsForm() {
    assertThat(errorsOf("""
        channels:
          - name: a
            kind: elasticache-global
            params: { region: us-east-1, globalReplicationGroup: g }
            primary: { url: "postgresql://u@h/db" }
            replica: { url: "redis://r:6379" }
        """))
        .containsExactly("channels[0].primary.url: must be redis[s]://[user@]host:port, was \"postgresql://u@h/db\"");
  }
}
