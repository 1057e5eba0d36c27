package io.drwatch.adapter.aws.aurora;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.FailoverState;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;

/** Role resolution from DescribeGlobalClusters values (moto cannot fail over a global cluster, so the moved writer is built here). */
class AuroraGlobalMembersTest {
  private static final String EAST = "arn:aws:rds:us-east-1:123456789012:cluster:orders-east";
  private static final String WEST = "arn:aws:rds:us-west-2:123456789012:cluster:orders-west";

  private static GlobalClusterMember member(String arn, boolean writer, String sync) {
    return GlobalClusterMember.builder().dbClusterArn(arn).isWriter(writer).synchronizationStatus(sync).build();
  }

  @Test
  void theSecondaryFollowsTheWriter() {
    AuroraGlobalMembers before = AuroraGlobalMembers.of(GlobalCluster.builder().globalClusterIdentifier("g")
        .globalClusterMembers(member(EAST, true, null), member(WEST, false, "connected")).build());
    assertThat(before.secondaries()).containsExactly(new AuroraGlobalMembers.Member("us-west-2", "orders-west"));
    AuroraGlobalMembers after = AuroraGlobalMembers.of(GlobalCluster.builder().globalClusterIdentifier("g")
        .globalClusterMembers(member(EAST, false, "connected"), member(WEST, true, null)).build());
    assertThat(after.secondaries()).containsExactly(new AuroraGlobalMembers.Member("us-east-1", "orders-east"));
    assertThat(after.writerId()).isEqualTo("orders-west");
  }

  @Test
  void pendingResyncOrNoSecondaryIsBrokenAndFailoverIsReported() {
    assertThat(AuroraGlobalMembers.of(GlobalCluster.builder().globalClusterIdentifier("g")
        .globalClusterMembers(member(EAST, true, null), member(WEST, false, "pending-resync")).build()).broken())
        .hasValueSatisfying(s -> assertThat(s).contains("pending-resync", "orders-west"));
    assertThat(AuroraGlobalMembers.of(GlobalCluster.builder().globalClusterIdentifier("g")
        .globalClusterMembers(List.of(member(EAST, true, null))).build()).broken())
        .hasValueSatisfying(s -> assertThat(s).contains("no secondary"));
    AuroraGlobalMembers failing = AuroraGlobalMembers.of(GlobalCluster.builder().globalClusterIdentifier("g")
        .globalClusterMembers(member(EAST, true, null), member(WEST, false, "connected"))
        .failoverState(FailoverState.builder().status("failing-over").fromDbClusterArn(EAST).toDbClusterArn(WEST).build())
        .build());
    assertThat(failing.broken()).isEmpty();
    assertThat(failing.failover()).hasValueSatisfying(s -> assertThat(s).contains("failing-over"));
  }
}
