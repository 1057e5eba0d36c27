package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.aurora.AuroraGlobalChannel;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.adapter.aws.elasticache.ElastiCacheGlobalChannel;
import io.drwatch.adapter.aws.efs.EfsReplicationTelemetry;
import io.drwatch.adapter.aws.rds.RdsReplicaChannel;
import io.drwatch.adapter.aws.s3.S3CanaryProbe;
import io.drwatch.adapter.aws.s3.S3ReplicationMetrics;
import io.drwatch.adapter.kubernetes.KubernetesStandby;
import io.drwatch.adapter.opensearch.OpenSearchChannel;
import io.drwatch.adapter.postgres.PgHeartbeatProbe;
import io.drwatch.adapter.redis.RedisHeartbeatProbe;
import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.port.ChannelProbe;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** The one place that maps a channel kind to its adapter. A new kind adds one line here. */
final class ChannelKinds {

  /**
   * What a probe factory may use: the loop's Vert.x, the daemon's shared AWS clients, and the
   * shared CloudWatch readers (one GetMetricData per region per interval for all channels).
   */
  record Deps(Vertx vertx, Supplier<AwsClients> aws, CloudWatchReaders cloudWatch) {}

  @FunctionalInterface
  interface Factory {
    ChannelProbe create(Deps deps, ChannelConfig channel);
  }

  private static final Map<ChannelKind, Factory> PROBES = new EnumMap<>(Map.of(
      ChannelKind.POSTGRES, (d, c) -> PgHeartbeatProbe.create(d.vertx(), c),
      ChannelKind.REDIS, (d, c) -> RedisHeartbeatProbe.create(d.vertx(), c),
      ChannelKind.EFS, (d, c) -> managed(EfsReplicationTelemetry.create(d.vertx(), d.aws().get(), c), Optional.empty()),
      ChannelKind.S3, ChannelKinds::s3,
      ChannelKind.KUBERNETES, (d, c) -> managed(KubernetesStandby.create(d.vertx(), c), Optional.empty()),
      ChannelKind.OPENSEARCH, (d, c) -> opensearch(OpenSearchChannel.create(d.vertx(), c,
          () -> d.aws().get().credentials())),
      ChannelKind.RDS, (d, c) -> managed(RdsReplicaChannel.telemetry(d.vertx(), d.aws().get(), d.cloudWatch(), c),
          pgCanary(d, c)),
      ChannelKind.AURORA_GLOBAL, (d, c) -> managed(AuroraGlobalChannel.telemetry(d.vertx(), d.aws().get(),
          d.cloudWatch(), c), pgCanary(d, c)),
      ChannelKind.ELASTICACHE_GLOBAL, (d, c) -> managed(ElastiCacheGlobalChannel.telemetry(d.vertx(), d.aws().get(),
          d.cloudWatch(), c), redisCanary(d, c))));

  /** Kinds whose probes call AWS APIs: their clients are built and warmed up at startup. */
  static final Set<ChannelKind> AWS = Set.of(ChannelKind.RDS, ChannelKind.AURORA_GLOBAL,
      ChannelKind.ELASTICACHE_GLOBAL, ChannelKind.EFS, ChannelKind.S3);

  private ChannelKinds() {}

  /** A managed kind: the provider's telemetry, cross-checked by the canary when the channel has one. */
  private static ChannelProbe managed(ProviderTelemetry telemetry, Optional<ChannelProbe> canary) {
    return new ManagedChannelProbe(telemetry, canary, Clock.systemUTC());
  }

  private static Optional<ChannelProbe> pgCanary(Deps d, ChannelConfig c) {
    return c.hasCanary() ? Optional.of(PgHeartbeatProbe.create(d.vertx(), c)) : Optional.empty();
  }

  private static Optional<ChannelProbe> redisCanary(Deps d, ChannelConfig c) {
    return c.hasCanary() ? Optional.of(RedisHeartbeatProbe.create(d.vertx(), c)) : Optional.empty();
  }

  // The canary is the RPO; with a replicationRule, S3's own replication metrics ride along.
  private static ChannelProbe s3(Deps d, ChannelConfig c) {
    ChannelProbe canary = S3CanaryProbe.create(d.vertx(), d.aws().get(), c);
    return S3ReplicationMetrics.forChannel(d.cloudWatch(), c)
        .<ChannelProbe>map(metrics -> managed(metrics, Optional.of(canary))).orElse(canary);
  }

  private static ChannelProbe opensearch(OpenSearchChannel os) {
    return managed(os.telemetry(), Optional.of(os.canary()));
  }

  static ChannelProbe probe(Deps deps, ChannelConfig channel) {
    Factory factory = PROBES.get(channel.kind());
    if (factory == null) {
      throw new IllegalArgumentException("kind " + channel.kind() + " is not implemented yet; available: "
          + PROBES.keySet());
    }
    return factory.create(deps, channel);
  }
}
