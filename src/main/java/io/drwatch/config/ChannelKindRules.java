package io.drwatch.config;

import io.drwatch.domain.channel.ChannelKind;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a channel of each kind must and may say. Self-hosted kinds are two servers with a canary;
 * managed kinds are named by their provider ids in {@code params} and may add a canary through
 * {@code primary}/{@code replica}. Their defaults are slower: a provider metric has a period of a
 * minute, and every read costs money and API quota.
 *
 * @param endpoints whether {@code primary} and {@code replica} are required, optional or not allowed
 * @param form the url form of the endpoints
 * @param required params that must be present
 * @param optional params that may be present
 * @param interval default {@code heartbeat.interval}
 * @param timeout default {@code heartbeat.timeout}
 * @param stallIntervals default {@code heartbeat.stallIntervals}
 */
record ChannelKindRules(Need endpoints, Form form, List<String> required, List<String> optional,
    Duration interval, Duration timeout, int stallIntervals) {

  enum Need { REQUIRED, OPTIONAL, NONE }

  enum Form { POSTGRES, REDIS, HTTP }

  /** Every AWS kind: which account and endpoint it reads through. */
  private static final List<String> AWS = List.of("endpointOverride", "assumeRole");
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration MINUTE = Duration.ofMinutes(1);
  private static final Duration AWS_TIMEOUT = Duration.ofSeconds(10);

  static ChannelKindRules of(ChannelKind kind) {
    return switch (kind) {
      case POSTGRES -> selfHosted(Form.POSTGRES);
      case REDIS -> selfHosted(Form.REDIS);
      case RDS -> aws(Need.OPTIONAL, Form.POSTGRES, List.of("region", "instance"), List.of(), MINUTE, 3);
      case AURORA_GLOBAL -> aws(Need.OPTIONAL, Form.POSTGRES, List.of("region", "globalCluster"), List.of(), MINUTE, 3);
      case ELASTICACHE_GLOBAL -> aws(Need.OPTIONAL, Form.REDIS, List.of("region", "globalReplicationGroup"),
          List.of("secondaryNode"), MINUTE, 3);
      // EFS replicates on its own schedule (RPO target 15 min): its position legitimately stays put for minutes.
      case EFS -> aws(Need.NONE, Form.HTTP, List.of("region", "fileSystem"), List.of(), MINUTE, 20);
      case S3 -> aws(Need.NONE, Form.HTTP, List.of("region", "sourceBucket", "destinationBucket"),
          List.of("destinationRegion", "key", "replicationRule"), Duration.ofSeconds(10), 6);
      case OPENSEARCH -> new ChannelKindRules(Need.REQUIRED, Form.HTTP, List.of("index"),
          List.of("leaderIndex", "heartbeatIndex", "username", "auth", "region", "leaderRegion", "statusUrl"),
          Duration.ofSeconds(5), Duration.ofSeconds(5), 3);
      case KUBERNETES -> new ChannelKindRules(Need.NONE, Form.HTTP,
          List.of("primaryUrl", "standbyUrl", "deployments"),
          List.of("primaryTokenFile", "standbyTokenFile", "primaryCaFile", "standbyCaFile", "eksCluster",
              "primaryEksCluster", "region", "primaryRegion", "insecureSkipTlsVerify", "warmUp"),
          Duration.ofSeconds(30), Duration.ofSeconds(10), 3);
    };
  }

  private static ChannelKindRules selfHosted(Form form) {
    return new ChannelKindRules(Need.REQUIRED, form, List.of(), List.of(), SECOND, SECOND, 3);
  }

  private static ChannelKindRules aws(Need endpoints, Form form, List<String> required, List<String> extra,
      Duration interval, int stallIntervals) {
    List<String> optional = Stream.concat(AWS.stream(), extra.stream()).toList();
    return new ChannelKindRules(endpoints, form, required, optional, interval, AWS_TIMEOUT, stallIntervals);
  }

  Set<String> allowedParams() {
    return Set.copyOf(Stream.concat(required.stream(), optional.stream()).toList());
  }
}
