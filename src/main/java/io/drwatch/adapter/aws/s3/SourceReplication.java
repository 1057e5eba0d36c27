package io.drwatch.adapter.aws.s3;

import io.drwatch.domain.lag.LinkState;
import software.amazon.awssdk.services.s3.model.ReplicationStatus;

/**
 * What the source canary's {@code x-amz-replication-status} says about the link. S3 sets it to
 * PENDING on the PUT when a rule covers the key; transient trouble (a destination region down)
 * stays PENDING, so a slow link shows as RPO, not here. FAILED is permanent for that version
 * (permissions, KMS, bucket policy; S3 does not retry it). Both COMPLETE and COMPLETED are in the
 * API's enum and mean done.
 *
 * @param link DOWN when replication of the canary failed or cannot happen
 * @param detail for the status page
 */
record SourceReplication(LinkState link, String detail) {

  static SourceReplication notWrittenYet(String where) {
    return new SourceReplication(LinkState.UNKNOWN, where + " not written yet");
  }

  static SourceReplication unreadable(String where, String why) {
    return new SourceReplication(LinkState.UNKNOWN, "replication status of " + where + " unreadable: " + why);
  }

  static SourceReplication of(String where, ReplicationStatus status) {
    if (status == null) {
      // Absent means no enabled rule matched the key at PUT time: the canary will never replicate.
      return new SourceReplication(LinkState.DOWN, where + " has no x-amz-replication-status: "
          + "no enabled replication rule covers the canary key");
    }
    return switch (status) {
      case FAILED -> new SourceReplication(LinkState.DOWN, "S3 marked " + where + " replication FAILED "
          + "(permissions, KMS or bucket policy on the destination; not retried by S3)");
      case PENDING, COMPLETE, COMPLETED -> new SourceReplication(LinkState.UP, where + " replication " + status);
      case REPLICA -> new SourceReplication(LinkState.UNKNOWN, where + " is itself a REPLICA: "
          + "replication into the source bucket (reversed after a failover?)");
      default -> new SourceReplication(LinkState.UNKNOWN, where + " replication status unknown to this build: "
          + status);
    };
  }
}
