package io.drwatch.adapter.aws.rds;

import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DBInstanceStatusInfo;

/** What DescribeDBInstances says about a read replica's replication, independent of any metric. */
final class RdsReplicaState {
  /** "read replication" statuses meaning it does not run (RDS API: DBInstanceStatusInfo). */
  private static final Set<String> BROKEN_REPLICATION = Set.of("error", "stopped", "terminated");
  /** Instance statuses in which the replica cannot be replicating. */
  private static final Set<String> DOWN_INSTANCE = Set.of("stopped", "stopping", "failed", "storage-full",
      "incompatible-parameters", "incompatible-restore", "incompatible-network", "inaccessible-encryption-credentials",
      "deleting", "restore-error");

  private RdsReplicaState() {}

  /** Why replication is broken, or empty if RDS does not say so. */
  static Optional<String> broken(DBInstance db) {
    String id = db.dbInstanceIdentifier();
    if (isBlank(db.readReplicaSourceDBInstanceIdentifier()) && isBlank(db.readReplicaSourceDBClusterIdentifier())) {
      return Optional.of(id + " is no longer a read replica (promoted or detached): nothing replicates into it");
    }
    String status = db.dbInstanceStatus() == null ? "" : db.dbInstanceStatus();
    if (DOWN_INSTANCE.contains(status)) {
      return Optional.of(id + " instance status is " + status);
    }
    return replication(db).filter(s -> BROKEN_REPLICATION.contains(s.status()))
        .map(s -> id + " read replication is " + s.status()
            + (isBlank(s.message()) ? "" : ": " + s.message()));
  }

  /** The "read replication" status for the status page, e.g. {@code "replication degraded"}. */
  static String detail(DBInstance db) {
    return replication(db).filter(s -> !"replicating".equals(s.status()))
        .map(s -> "read replication is " + s.status() + (isBlank(s.message()) ? "" : ": " + s.message()))
        .orElse("");
  }

  private static Optional<DBInstanceStatusInfo> replication(DBInstance db) {
    return db.statusInfos().stream().filter(s -> "read replication".equals(s.statusType())).findFirst();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
