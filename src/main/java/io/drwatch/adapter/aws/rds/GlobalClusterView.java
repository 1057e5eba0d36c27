package io.drwatch.adapter.aws.rds;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.FailoverState;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;

/** What the failover action reads from one {@code DescribeGlobalClusters} answer, about one target member. */
record GlobalClusterView(GlobalCluster cluster, String targetArn) {
  static GlobalClusterView of(GlobalCluster cluster, String targetArn) {
    return new GlobalClusterView(cluster, targetArn);
  }

  Optional<GlobalClusterMember> member() {
    return cluster.globalClusterMembers().stream().filter(m -> targetArn.equals(m.dbClusterArn())).findFirst();
  }

  List<String> members() {
    return cluster.globalClusterMembers().stream().map(GlobalClusterMember::dbClusterArn).toList();
  }

  boolean targetIsWriter() {
    return member().map(m -> Boolean.TRUE.equals(m.isWriter())).orElse(false);
  }

  /**
   * A failover or switchover is pending or running. The raw status string: the SDK's enum lacks
   * {@code switching-over}, which the service documents and sends.
   */
  boolean inProgress() {
    FailoverState f = cluster.failoverState();
    return f != null && f.statusAsString() != null && !f.statusAsString().isBlank();
  }

  boolean inProgressTowardsTarget() {
    return inProgress() && targetArn.equals(cluster.failoverState().toDbClusterArn());
  }

  String status() {
    return cluster.status();
  }

  /** The writer's region, from its ARN {@code arn:aws:rds:<region>:<account>:cluster:<id>}. */
  Optional<String> writerRegion() {
    return cluster.globalClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isWriter()))
        .map(GlobalClusterMember::dbClusterArn).findFirst().map(arn -> arn.split(":"))
        .filter(p -> p.length >= 7 && !p[3].isBlank()).map(p -> p[3]);
  }

  /** For messages: status, writer and failover state. */
  String state() {
    String writer = cluster.globalClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isWriter()))
        .map(GlobalClusterMember::dbClusterArn).findFirst().orElse("none");
    String failover = inProgress() ? ", failover " + cluster.failoverState().statusAsString()
        + " to " + cluster.failoverState().toDbClusterArn() : "";
    return "status " + status() + ", writer " + writer + failover;
  }
}
