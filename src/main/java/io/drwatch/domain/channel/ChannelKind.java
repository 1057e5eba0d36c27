package io.drwatch.domain.channel;

import io.drwatch.domain.ConfigNamed;

/** The replication technologies drwatch knows. The config name is the public spelling. */
public enum ChannelKind implements ConfigNamed {
  POSTGRES,
  REDIS,
  /** RDS read replica (cross-region): CloudWatch ReplicaLag, StatusInfos, optional canary. */
  RDS,
  /** Aurora global database: DescribeGlobalClusters and AuroraGlobalDBRPOLag. */
  AURORA_GLOBAL,
  /** ElastiCache Global Datastore: members, roles, GlobalDatastoreReplicationLag, optional canary. */
  ELASTICACHE_GLOBAL,
  /** EFS replication: LastReplicatedTimestamp of the destination. */
  EFS,
  /** S3 cross-region replication: a canary object plus the replication metrics. */
  S3,
  /** OpenSearch cross-cluster replication: a heartbeat document plus the follower's status. */
  OPENSEARCH,
  /** Standby Kubernetes deployments: parity with the primary cluster, readiness to scale up. */
  KUBERNETES;

  @Override
  public String toString() {
    return configName();
  }
}
