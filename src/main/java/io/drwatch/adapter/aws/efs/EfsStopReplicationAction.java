package io.drwatch.adapter.aws.efs;

import static io.drwatch.adapter.aws.AwsFutures.absentIf;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.efs.EfsAsyncClient;
import software.amazon.awssdk.services.efs.model.DeleteReplicationConfigurationRequest;
import software.amazon.awssdk.services.efs.model.DeletionMode;
import software.amazon.awssdk.services.efs.model.DescribeReplicationConfigurationsRequest;
import software.amazon.awssdk.services.efs.model.Destination;
import software.amazon.awssdk.services.efs.model.ReplicationConfigurationDescription;
import software.amazon.awssdk.services.efs.model.ReplicationNotFoundException;
import software.amazon.awssdk.services.efs.model.ReplicationStatus;

/**
 * {@code efs-stop-replication}: ends an EFS replication, which is the EFS failover: the
 * destination file system becomes writable ({@code DeleteReplicationConfiguration}).
 *
 * <ul>
 *   <li>check: {@code DescribeReplicationConfigurations} for the file system answers
 *       {@code ReplicationNotFound} (or no configuration).
 *   <li>apply: {@code DeleteReplicationConfiguration} of the configuration's source file system
 *       (as {@code DescribeReplicationConfigurations} names it) with {@code deletionMode}; skipped if every
 *       destination is already {@code DELETING} (a retry after a crash), and a
 *       {@code ReplicationNotFound} answer counts as done.
 *   <li>await: polls every {@code pollMillis} until {@code ReplicationNotFound}; {@code DELETING}
 *       keeps polling (AWS: "can take several minutes"); bounded by {@code waitSeconds}.
 * </ul>
 *
 * <p>Deletion mode is an explicit parameter, not a guess from the trigger: {@code
 * ALL_CONFIGURATIONS} (default; planned failovers and drills, both Regions answer; {@code region}
 * and {@code fileSystem} are the source's) or {@code LOCAL_CONFIGURATION_ONLY} (the runbook for a
 * source-Region outage: {@code region} and {@code fileSystem} are the destination's; the
 * configuration left on the source side is unrecoverable and must be cleaned up at failback). A
 * runbook's drill overrides can set the other mode. Parameters: {@code fileSystem}, {@code region},
 * optional {@code endpointOverride}, {@code deletionMode}, {@code pollMillis} (5000), {@code
 * waitSeconds} (1800). IAM: {@code elasticfilesystem:DescribeReplicationConfigurations},
 * {@code elasticfilesystem:DeleteReplicationConfiguration}.
 */
public final class EfsStopReplicationAction extends AwsStepAction<EfsAsyncClient> {
  static final String NAME = "efs-stop-replication";

  record Target(String step, String fileSystem, DeletionMode mode, AwsEndpoint endpoint, Pace pace) {
    static Target of(Step step) {
      String mode = step.param("deletionMode", DeletionMode.ALL_CONFIGURATIONS.toString()).strip();
      if (!List.of(DeletionMode.ALL_CONFIGURATIONS.toString(), DeletionMode.LOCAL_CONFIGURATION_ONLY.toString())
          .contains(mode)) {
        throw new IllegalArgumentException("step " + step.id() + ": deletionMode must be ALL_CONFIGURATIONS or "
            + "LOCAL_CONFIGURATION_ONLY, but was \"" + mode + "\"");
      }
      return new Target("step " + step.id(), step.param("fileSystem"), DeletionMode.fromValue(mode),
          StepClients.endpoint(step), Pace.of(step, 5000, 1800));
    }
  }

  EfsStopReplicationAction(Vertx vertx, Function<AwsEndpoint, EfsAsyncClient> build) {
    super(NAME, vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> Target.of(step)).compose(t -> describe(context, t, step.abandoned())).map(Optional::isEmpty);
  }

  @Override
  public Future<Void> apply(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> Target.of(step)).compose(t -> describe(context, t, step.abandoned())
        .compose(config -> config.isEmpty() || deleting(config.get())
            ? Future.<Void>succeededFuture()
            : delete(context, t, config.get().sourceFileSystemId(), step.abandoned())));
  }

  /**
   * The API names the replication by its source, whichever side the step names (the destination's,
   * when LOCAL_CONFIGURATION_ONLY runs in the destination's region).
   */
  private Future<Void> delete(Context context, Target t, String source, Future<?> stop) {
    return call(context, t.step(), Retry.of("efs DeleteReplicationConfiguration " + source + " " + t.mode())
        .stopOn(stop), t.endpoint(), c -> absentIf(ReplicationNotFoundException.class, c.deleteReplicationConfiguration(
            DeleteReplicationConfigurationRequest.builder().sourceFileSystemId(source).deletionMode(t.mode()).build())))
        .mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> Target.of(step)).compose(t -> awaitSeen(step, t.pace(),
        t.step() + ": replication of " + t.fileSystem(),
        () -> describe(context, t, step.abandoned()).map(config -> config.map(c -> Seen.notYet(describe(c)))
            .orElse(Seen.done("deleted")))));
  }

  /** The file system's replication configuration; empty once there is none. */
  private Future<Optional<ReplicationConfigurationDescription>> describe(Context context, Target t, Future<?> stop) {
    return call(context, t.step(), Retry.of("efs DescribeReplicationConfigurations " + t.fileSystem()).stopOn(stop),
        t.endpoint(), c -> absentIf(ReplicationNotFoundException.class, c.describeReplicationConfigurations(
            DescribeReplicationConfigurationsRequest.builder().fileSystemId(t.fileSystem()).build())))
        .map(found -> found.filter(r -> r.hasReplications() && !r.replications().isEmpty())
            .map(r -> r.replications().get(0)));
  }

  private static boolean deleting(ReplicationConfigurationDescription c) {
    return c.hasDestinations() && !c.destinations().isEmpty()
        && c.destinations().stream().allMatch(d -> d.status() == ReplicationStatus.DELETING);
  }

  private static String describe(ReplicationConfigurationDescription c) {
    return c.sourceFileSystemId() + " -> " + c.destinations().stream()
        .map(EfsStopReplicationAction::describe).collect(Collectors.joining(", "));
  }

  private static String describe(Destination d) {
    return d.fileSystemId() + " (" + d.region() + ") " + d.statusAsString();
  }
}
