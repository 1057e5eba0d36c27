package io.drwatch.adapter.aws.aurora;

import io.drwatch.adapter.aws.GlobalTelemetry;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;

/** Who writes and who follows in a global cluster, from DescribeGlobalClusters. */
record AuroraGlobalMembers(String globalCluster, Optional<Member> writer, List<Member> secondaries,
    List<String> resyncing, Optional<String> failover) implements GlobalTelemetry.Members {

  /** A member cluster, from its ARN {@code arn:aws:rds:<region>:<account>:cluster:<id>}. */
  record Member(String region, String clusterId) {
    static Member of(String arn) {
      String[] p = arn.split(":");
      if (p.length < 7) {
        throw new IllegalStateException("unexpected DB cluster ARN: " + arn);
      }
      return new Member(p[3], p[6]);
    }
  }

  static AuroraGlobalMembers of(GlobalCluster gc) {
    Optional<Member> writer = gc.globalClusterMembers().stream().filter(m -> Boolean.TRUE.equals(m.isWriter()))
        .findFirst().map(m -> Member.of(m.dbClusterArn()));
    List<Member> secondaries = gc.globalClusterMembers().stream().filter(m -> !Boolean.TRUE.equals(m.isWriter()))
        .map(m -> Member.of(m.dbClusterArn())).toList();
    List<String> resyncing = gc.globalClusterMembers().stream()
        .filter(m -> "pending-resync".equals(m.synchronizationStatusAsString()))
        .map(GlobalClusterMember::dbClusterArn).toList();
    Optional<String> failover = Optional.ofNullable(gc.failoverState())
        .filter(f -> f.statusAsString() != null)
        .map(f -> "global cluster " + f.statusAsString() + " from " + f.fromDbClusterArn() + " to " + f.toDbClusterArn());
    return new AuroraGlobalMembers(gc.globalClusterIdentifier(), writer, secondaries, resyncing, failover);
  }

  String writerId() {
    return writer.map(Member::clusterId).orElse("none");
  }

  @Override
  public Optional<String> broken() {
    return GlobalTelemetry.Members.broken("global cluster " + globalCluster, writer.isPresent(), "writer member",
        !secondaries.isEmpty(), "secondary cluster", resyncing.isEmpty() ? Optional.empty()
            : Optional.of("secondary " + String.join(", ", resyncing) + " is pending-resync"));
  }
}
