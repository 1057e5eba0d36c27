package io.drwatch.adapter.aws.rds;

import static io.drwatch.adapter.aws.rds.RdsParams.failed;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.adapter.aws.AwsStepAction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;
import software.amazon.awssdk.services.rds.model.PromoteReadReplicaRequest;

/**
 * {@code rds-promote}: promotes an RDS read replica (typically the cross-region one, called in
 * the replica's region) to a standalone, writable DB instance.
 *
 * <ul>
 *   <li>check: {@code DescribeDBInstances} shows the instance {@code available} and without a
 *       {@code ReadReplicaSourceDBInstanceIdentifier}: promoted already, so the step is skipped.
 *   <li>apply: {@code PromoteReadReplica} (with {@code BackupRetentionPeriod} if given). An
 *       {@code InvalidDBInstanceState} answer for an instance that is no longer a replica means a
 *       promotion is already under way (a crash while the step was in flight): apply succeeds and
 *       await verifies.
 *   <li>await: polls {@code DescribeDBInstances} every {@code pollMillis} (1000) until the instance
 *       is {@code available} and not a replica, for at most {@code waitSeconds} (1800). RDS passes
 *       through {@code modifying}, {@code backing-up} and {@code rebooting}; {@link #TERMINAL}
 *       statuses fail at once, naming the status.
 * </ul>
 *
 * <p>Parameters: {@code instance}, {@code region}, optional {@code endpointOverride},
 * {@code backupRetentionPeriod} (0-35), {@code pollMillis}, {@code waitSeconds}. Every call goes
 * through {@link io.drwatch.adapter.support.Retry} (bounded retries of throttling, 5xx and timeouts). IAM:
 * {@code rds:DescribeDBInstances}, {@code rds:PromoteReadReplica}.
 */
public final class RdsPromoteAction extends AwsStepAction<RdsAsyncClient> {
  RdsPromoteAction(Vertx vertx, Function<AwsEndpoint, RdsAsyncClient> build) {
    super("rds-promote", vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    return target(step).compose(t -> describe(t).map(RdsPromoteAction::promoted));
  }

  @Override
  public Future<Void> apply(Step step) {
    return target(step).compose(this::promote);
  }

  @Override
  public Future<Void> await(Step step) {
    return target(step).compose(t -> awaitSeen(step, RdsParams.pollEvery(step), RdsParams.waitLimit(step), t.label(),
        () -> describe(t).compose(i -> seen(t, i))));
  }

  /** What one step names, resolved once; the context is the caller's, where results come back. */
  private record Target(Context context, Step step, String instance, AwsEndpoint endpoint,
      Optional<Integer> backupRetention) {
    String label() {
      return "step " + step.id() + ": rds-promote " + instance;
    }
  }

  private Future<Target> target(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> new Target(context, step, step.param("instance"), StepClients.endpoint(step),
          RdsParams.optionalNumber(step, "backupRetentionPeriod", 0, 35)));
  }

  /** Promoted: available and no longer replicating from a source. */
  static boolean promoted(DBInstance i) {
    return "available".equals(i.dbInstanceStatus()) && !isReplica(i);
  }

  private static boolean isReplica(DBInstance i) {
    String source = i.readReplicaSourceDBInstanceIdentifier();
    return source != null && !source.isBlank();
  }

  private Future<DBInstance> describe(Target t) {
    // Requests are built inside the invocation, on the worker: the first use loads the SDK's model classes.
    return AwsFutures.retried(Retry.of("rds DescribeDBInstances").stopOn(t.step().abandoned()), t.context(), () -> clients.get(t.endpoint())
            .describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(t.instance()).build()))
        .recover(err -> failed(t.label(), err))
        .compose(r -> r.dbInstances().isEmpty()
            ? failed(FailureCode.NOT_FOUND, t.label() + ": DescribeDBInstances returned no instance")
            : Future.succeededFuture(r.dbInstances().get(0)));
  }

  private Future<Void> promote(Target t) {
    return AwsFutures.retried(Retry.of("rds PromoteReadReplica").stopOn(t.step().abandoned()), t.context(), () -> clients.get(t.endpoint())
            .promoteReadReplica(PromoteReadReplicaRequest.builder().dbInstanceIdentifier(t.instance())
                .backupRetentionPeriod(t.backupRetention().orElse(null)).build()))
        .<Void>mapEmpty()
        // The service's own error code, kept on the failure: the instance is busy (promoting already?).
        .recover(err -> CodedFailure.coded(err).isProviderCode("InvalidDBInstanceState")
            ? alreadyPromoting(t, CodedFailure.coded(err))
            : failed(t.label(), err));
  }

  /** Not a replica any more: the promotion was started before (by us, before a crash, or by hand). */
  private Future<Void> alreadyPromoting(Target t, CodedFailure rejection) {
    return describe(t).compose(i -> isReplica(i)
        ? failed(t.label() + " (status " + i.dbInstanceStatus() + ")", rejection)
        : Future.<Void>succeededFuture());
  }

  private static Future<Seen> seen(Target t, DBInstance i) {
    String status = i.dbInstanceStatus();
    String state = "status " + status + (isReplica(i) ? ", still a replica of " + i.readReplicaSourceDBInstanceIdentifier() : "");
    if (terminal(status)) {
      return failed(FailureCode.TERMINAL_STATE, t.label() + ": promotion failed, " + state);
    }
    return Future.succeededFuture(promoted(i) ? Seen.done(state) : Seen.notYet(state));
  }

  /**
   * Statuses the instance does not leave by itself: waiting on would only burn the step's timeout.
   * Transitional ones ({@code modifying}, {@code backing-up}, {@code rebooting}, ...) keep polling.
   */
  static boolean terminal(String status) {
    return status != null && (status.equals("failed") || status.startsWith("incompatible-")
        || status.equals("storage-full") || status.equals("deleting")
        || status.startsWith("inaccessible-encryption-credentials"));
  }

}
