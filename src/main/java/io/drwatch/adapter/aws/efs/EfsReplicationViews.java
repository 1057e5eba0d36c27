package io.drwatch.adapter.aws.efs;

import io.drwatch.domain.lag.LinkState;
import io.drwatch.domain.lag.ProviderLag;
import io.drwatch.domain.lag.ReplicaView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.efs.model.Destination;
import software.amazon.awssdk.services.efs.model.ReplicationConfigurationDescription;
import software.amazon.awssdk.services.efs.model.ReplicationStatus;

/**
 * Turns one DescribeReplicationConfigurations answer into the channel's view. Pure, so every
 * status is tested without a server.
 *
 * <p>{@code LastReplicatedTimestamp} is "the time when the most recent sync was successfully
 * completed; any changes that occurred before this time have been replicated": the loss window is
 * at most its age. It is reported as {@code ProviderLag(source, 0, timestamp)}, whose effective lag
 * is exactly that age, growing between syncs.
 */
final class EfsReplicationViews {
  static final String SOURCE = "EFS LastReplicatedTimestamp";

  private EfsReplicationViews() {}

  /** The file system has no replication configuration (ReplicationNotFound): nothing replicates. */
  static ReplicaView notReplicated(String fileSystemId) {
    return new ReplicaView(Optional.empty(), LinkState.DOWN,
        "no replication configuration for " + fileSystemId + " (ReplicationNotFound)");
  }

  static ReplicaView of(String fileSystemId, List<ReplicationConfigurationDescription> replications) {
    Optional<ReplicationConfigurationDescription> mine = replications.stream()
        .filter(r -> fileSystemId.equals(r.sourceFileSystemId()))
        .findFirst();
    if (mine.isEmpty()) {
      // Asked by id, EFS also answers for a destination: then fileSystem names the wrong side.
      String sources = replications.stream().map(ReplicationConfigurationDescription::sourceFileSystemId).toList()
          .toString();
      return replications.isEmpty() ? notReplicated(fileSystemId)
          : new ReplicaView(Optional.empty(), LinkState.DOWN, fileSystemId
              + " is not the source of its replication configuration (sources " + sources
              + "); param fileSystem must name the source file system");
    }
    List<Destination> destinations = mine.get().destinations();
    if (destinations.isEmpty()) {
      return notReplicated(fileSystemId);
    }
    // EFS supports one destination per configuration; should that change, the worst one counts.
    return destinations.stream().map(d -> view(fileSystemId, d)).reduce(EfsReplicationViews::worse).orElseThrow();
  }

  private static ReplicaView view(String source, Destination d) {
    String link = source + " -> " + d.fileSystemId() + " (" + d.region() + ")";
    Optional<Instant> synced = Optional.ofNullable(d.lastReplicatedTimestamp());
    ReplicationStatus status = d.status();
    String why = Optional.ofNullable(d.statusMessage()).filter(m -> !m.isBlank()).map(m -> ": " + m).orElse("");
    return switch (status == null ? ReplicationStatus.UNKNOWN_TO_SDK_VERSION : status) {
      // ERROR is unrecoverable (delete and restore); PAUSED/PAUSING stop syncing until resumed;
      // DELETING is the configuration going away (often a failover in progress).
      case ERROR, PAUSED, PAUSING, DELETING -> withLag(new ReplicaView(Optional.empty(), LinkState.DOWN,
          "EFS replication " + link + " is " + status + why), link, synced);
      case ENABLED, ENABLING -> synced
          .map(ts -> withLag(new ReplicaView(Optional.empty(), LinkState.UP, "EFS replication " + link + " "
              + status), link, synced))
          .orElseGet(() -> ReplicaView.telemetryMissing(LinkState.UP, "EFS replication " + link + " is " + status
              + " with no LastReplicatedTimestamp yet (initial sync in progress)"));
      default -> ReplicaView.telemetryMissing(LinkState.UNKNOWN, "EFS replication " + link
          + " has a status this build does not know: " + d.statusAsString());
    };
  }

  private static ReplicaView withLag(ReplicaView view, String link, Optional<Instant> synced) {
    return synced.map(ts -> view.withReported(new ProviderLag(SOURCE + " " + link, Duration.ZERO, ts)))
        .orElse(view);
  }

  private static ReplicaView worse(ReplicaView a, ReplicaView b) {
    if (a.link() == LinkState.DOWN || b.link() == LinkState.DOWN) {
      return a.link() == LinkState.DOWN ? a : b;
    }
    if (a.telemetryMissing() || b.telemetryMissing()) {
      return a.telemetryMissing() ? a : b;
    }
    Instant ta = a.reported().orElseThrow().at();
    return ta.isBefore(b.reported().orElseThrow().at()) ? a : b;
  }
}
