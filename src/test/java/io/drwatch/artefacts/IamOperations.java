package io.drwatch.artefacts;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hand-kept side of {@link IamPolicyTest}: every AWS operation drwatch calls, the role whose
 * policy must allow it and why, and the operations of each runbook action.
 */
final class IamOperations {
  private IamOperations() {}

  enum Role { MONITOR, FAILOVER }

  /** Every AWS operation drwatch calls, with the role whose policy must allow it. */
  static final Map<String, Set<Role>> OPERATIONS = operations();

  private static Map<String, Set<Role>> operations() {
    Map<String, Set<Role>> m = new TreeMap<>();
    // adapter/aws/sqs/SqsEventConsumer: the long poll of an EventBridge queue ...
    m.put("sqs:ReceiveMessage", Set.of(Role.MONITOR));
    // ... deleting each message once ingested ...
    m.put("sqs:DeleteMessage", Set.of(Role.MONITOR));
    // ... and the warm-up that proves the queue exists (QueueArn).
    m.put("sqs:GetQueueAttributes", Set.of(Role.MONITOR));
    // adapter/aws/lambda/LambdaInvokeAction: the lambda-invoke runbook action.
    m.put("lambda:InvokeFunction", Set.of(Role.FAILOVER));
    // adapter/aws/eventbridge/EventBridgePutAction: the eventbridge-put runbook action.
    m.put("events:PutEvents", Set.of(Role.FAILOVER));
    // adapter/aws/AssumedRoles: a channel's params.assumeRole (a replica in another account).
    m.put("sts:AssumeRole", Set.of(Role.MONITOR));
    // adapter/aws/cloudwatch: the shared reader of the managed channels' lag metrics.
    m.put("cloudwatch:GetMetricData", Set.of(Role.MONITOR));
    m.put("cloudwatch:ListMetrics", Set.of(Role.MONITOR));
    // adapter/aws/rds/RdsPromoteAction: the rds-promote runbook action; RdsTelemetry: the rds
    // channel (replica, StatusInfos, instance status).
    m.put("rds:DescribeDBInstances", Set.of(Role.FAILOVER, Role.MONITOR));
    m.put("rds:PromoteReadReplica", Set.of(Role.FAILOVER));
    // adapter/aws/rds/RdsCreateReplicaAction: the rds-create-replica re-protection action.
    m.put("rds:CreateDBInstanceReadReplica", Set.of(Role.FAILOVER));
    // adapter/aws/rds/AuroraGlobalFailoverAction: the aurora-global-failover runbook action;
    // adapter/aws/aurora AuroraGlobalTelemetry: the aurora-global channel (members, roles).
    m.put("rds:DescribeGlobalClusters", Set.of(Role.FAILOVER, Role.MONITOR));
    m.put("rds:FailoverGlobalCluster", Set.of(Role.FAILOVER));
    m.put("rds:SwitchoverGlobalCluster", Set.of(Role.FAILOVER));
    // adapter/aws/elasticache/ElastiCacheGlobalFailoverAction: elasticache-global-failover;
    // ElastiCacheGlobalTelemetry: the elasticache-global channel.
    m.put("elasticache:DescribeGlobalReplicationGroups", Set.of(Role.FAILOVER, Role.MONITOR));
    m.put("elasticache:DescribeReplicationGroups", Set.of(Role.MONITOR));
    m.put("elasticache:FailoverGlobalReplicationGroup", Set.of(Role.FAILOVER));
    // adapter/aws/elasticache/ElastiCacheGlobalAssociateAction: elasticache-global-associate (re-protection).
    m.put("elasticache:CreateReplicationGroup", Set.of(Role.FAILOVER));
    // adapter/aws/efs/EfsStopReplicationAction: efs-stop-replication.
    // ... and the efs channel (adapter/aws/efs/EfsReplicationTelemetry) reads the same.
    m.put("elasticfilesystem:DescribeReplicationConfigurations", Set.of(Role.FAILOVER, Role.MONITOR));
    m.put("elasticfilesystem:DeleteReplicationConfiguration", Set.of(Role.FAILOVER));
    // adapter/aws/sfn/SfnStartAction: sfn-start.
    m.put("states:StartExecution", Set.of(Role.FAILOVER));
    m.put("states:DescribeExecution", Set.of(Role.FAILOVER));
    // adapter/aws/s3/S3CanaryProbe: the s3 channel's canary object, written to the source bucket
    // and read back (GET; HEAD is s3:GetObject too) from both ...
    m.put("s3:PutObject", Set.of(Role.MONITOR));
    m.put("s3:GetObject", Set.of(Role.MONITOR));
    // ... and, with replicationRule, the bucket's replication rule.
    m.put("s3:GetReplicationConfiguration", Set.of(Role.MONITOR));
    // adapter/aws/globalaccelerator/GaTrafficDialAction: the ga-traffic-dial runbook action.
    m.put("globalaccelerator:DescribeEndpointGroup", Set.of(Role.FAILOVER));
    m.put("globalaccelerator:UpdateEndpointGroup", Set.of(Role.FAILOVER));
    m.put("globalaccelerator:DescribeAccelerator", Set.of(Role.FAILOVER));
    // adapter/aws/arc/ArcRoutingControlAction: the arc-routing-control runbook action.
    m.put("route53-recovery-cluster:GetRoutingControlState", Set.of(Role.FAILOVER));
    m.put("route53-recovery-cluster:UpdateRoutingControlState", Set.of(Role.FAILOVER));
    // adapter/opensearch: with auth sigv4, the opensearch channel writes its heartbeat on the
    // leader (PUT) and reads it and _status on the follower (GET); opensearch-stop-follow reads
    // _status (GET) and stops the follower (POST).
    m.put("es:ESHttpGet", Set.of(Role.FAILOVER, Role.MONITOR));
    m.put("es:ESHttpPut", Set.of(Role.MONITOR));
    m.put("es:ESHttpPost", Set.of(Role.FAILOVER));
    // adapter/support/iam: an endpoint with iamAuth logs in with a token signed per connection
    // (RDS/Aurora PostgreSQL: rds-db:connect; ElastiCache rediss://: elasticache:Connect).
    m.put("rds-db:connect", Set.of(Role.MONITOR));
    m.put("elasticache:Connect", Set.of(Role.MONITOR));
    return Map.copyOf(m);
  }

  /**
   * Allowed without being called: s3:ListBucket makes S3 answer 404 (not 403) for a canary that
   * has not replicated yet, so "not there yet" is not mistaken for "access denied".
   */
  static final Set<String> ALLOWED_WITHOUT_CALL = Set.of("s3:ListBucket");

  /**
   * Operations made as SigV4-signed REST calls without an SDK client (OpenSearch's own API), which
   * the scan cannot see; each names the package that signs them.
   */
  static final Map<String, String> SIGNED_HTTP = Map.of(
      "es:ESHttpGet", "io/drwatch/adapter/opensearch",
      "es:ESHttpPut", "io/drwatch/adapter/opensearch",
      "es:ESHttpPost", "io/drwatch/adapter/opensearch");

  /**
   * Operations authorised by a presigned auth token that the database checks at login, which the
   * scan cannot see either; each names the package that signs it and a text its source holds.
   */
  static final Map<String, Map.Entry<String, String>> SIGNED_TOKENS = Map.of(
      "rds-db:connect", Map.entry("io/drwatch/adapter/support/iam", "generateAuthenticationToken"),
      "elasticache:Connect", Map.entry("io/drwatch/adapter/support/iam", "\"elasticache\""));
}
