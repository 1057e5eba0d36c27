package io.drwatch.adapter.aws.rds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;

/**
 * StatusInfos "read replication" and instance status. moto's DescribeDBInstances returns no
 * StatusInfos, so these are DBInstance values as the SDK unmarshals them from RDS.
 */
class RdsReplicaStateTest {
  private static DBInstance replica(String instanceStatus, String replication, String message) {
    DBInstance.Builder b = DBInstance.builder().dbInstanceIdentifier("orders-dr").dbInstanceStatus(instanceStatus)
        .readReplicaSourceDBInstanceIdentifier("arn:aws:rds:us-east-1:123456789012:db:orders-src");
    if (replication != null) {
      b.statusInfos(DBInstanceStatusInfo.builder().statusType("read replication").status(replication)
          .normal("replicating".equals(replication)).message(message).build());
    }
    return b.build();
  }

  @Test
  void replicatingIsFine() {
    assertThat(RdsReplicaState.broken(replica("available", "replicating", null))).isEmpty();
    assertThat(RdsReplicaState.broken(replica("available", null, null))).isEmpty();
  }

  @Test
  void errorStoppedTerminatedAreBrokenWithTheMessage() {
    assertThat(RdsReplicaState.broken(replica("available", "error", "Replication has stopped: IO error")))
        .hasValueSatisfying(s -> assertThat(s).contains("read replication is error", "IO error"));
    assertThat(RdsReplicaState.broken(replica("available", "stopped", null))).isPresent();
    assertThat(RdsReplicaState.broken(replica("available", "terminated", null))).isPresent();
  }

  @Test
  void degradedIsNotBrokenButShown() {
    DBInstance db = replica("available", "replication degraded", "slot lag");
    assertThat(RdsReplicaState.broken(db)).isEmpty();
    assertThat(RdsReplicaState.detail(db)).contains("replication degraded", "slot lag");
  }

  @Test
  void stoppedInstanceAndPromotedReplicaAreBroken() {
    assertThat(RdsReplicaState.broken(replica("stopped", "replicating", null)))
        .hasValueSatisfying(s -> assertThat(s).contains("instance status is stopped"));
    DBInstance promoted = DBInstance.builder().dbInstanceIdentifier("orders-dr").dbInstanceStatus("available").build();
    assertThat(RdsReplicaState.broken(promoted))
        .hasValueSatisfying(s -> assertThat(s).contains("no longer a read replica"));
  }
}
