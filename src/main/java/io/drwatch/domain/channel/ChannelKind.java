package io.drwatch.domain.channel;

import io.drwatch.domain.ConfigNamed;

/** The replication technologies drwatch knows. The config name is the public spelling. */
public enum ChannelKind implements ConfigNamed {
  POSTGRES("postgres"),
  REDIS("redis"),
  /** RDS read replica (cross-region): CloudWatch ReplicaLag, StatusInfos, optional canary. */
  RDS("rds"),
  /** Aurora global database: DescribeGlobalClusters and AuroraGlobalDBRPOLag. */
  AURORA_GLOBAL("aurora-global"),
  /** ElastiCache Global Datastore: members, roles, GlobalDatastoreReplicationLag, optional canary. */
  ELASTICACHE_GLOBAL("elasticache-global"),
  /** EFS replication: LastReplicatedTimestamp of the destination. */
  EFS("efs"),
  /** S3 cross-region replication: a canary object plus the replication metrics. */
  S3("s3"),
  /** OpenSearch cross-cluster replication: a heartbeat document plus the follower's status. */
  OPENSEARCH("opensearch"),
  /** Standby Kubernetes deployments: parity with the primary cluster, readiness to scale up. */
  KUBERNETES("kubernetes");

  private final String configName;

  ChannelKind(String configName) {
    this.configName = configName;
  }

  @Override
  public String configName() {
    return configName;
  }

  @Override
  public String toString() {
    return configName;
  }
}
