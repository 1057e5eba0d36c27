package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.rds.RdsCreateReplicaDescriptor.Target;
import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.CreateDbInstanceReadReplicaRequest;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DescribeDbInstancesRequest;

/**
 * {@code rds-create-replica}: re-protection for RDS, a new read replica of the (new) primary in the
 * other region, called in the replica's region.
 *
 * <ul>
 *   <li>check: {@code DescribeDBInstances} of {@code instance}: absent, not done; a replica of
 *       {@code source} that is {@code available}, done; a replica of it still being built, not done;
 *       an instance of that name that is not a replica of {@code source} fails REJECTED, since
 *       creating over it is impossible and taking it as the replica would be wrong.
 *   <li>apply: {@code CreateDBInstanceReadReplica} unless such a replica exists already (a retry
 *       after a crash). Cross-region the SDK signs the request for {@code sourceRegion} (the
 *       {@code PreSignedUrl} RDS needs). {@code DBInstanceAlreadyExists} is read back as above.
 *   <li>await: polls every {@code pollMillis} until the replica is {@code available}, at most
 *       {@code waitSeconds}; not found yet counts as "not yet", {@link RdsPromoteAction#terminal}
 *       statuses fail at once.
 * </ul>
 */
public final class RdsCreateReplicaAction extends AwsStepAction<RdsAsyncClient> {
  private final RdsCreateReplicaDescriptor descriptor = new RdsCreateReplicaDescriptor();

  RdsCreateReplicaAction(Vertx vertx, Function<AwsEndpoint, RdsAsyncClient> build) {
    super("rds-create-replica", vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    Context context = vertx.getOrCreateContext();
    return descriptor.target(step).compose(t -> describe(context, step, t)
        .compose(found -> found.isEmpty() ? Future.succeededFuture(false)
            : seen(step, t, found.get()).map(Seen::done)));
  }

  @Override
  public Future<Void> apply(Step step) {
    Context context = vertx.getOrCreateContext();
    return descriptor.target(step).compose(t -> describe(context, step, t)
        .compose(found -> found.isPresent() ? seen(step, t, found.get()).<Void>mapEmpty() : create(context, step, t)));
  }

  @Override
  public Future<Void> await(Step step) {
    Context context = vertx.getOrCreateContext();
    return descriptor.target(step).compose(t -> awaitSeen(step, t.poll(), t.waitFor(), t.label(step.id()),
        () -> describe(context, step, t).compose(found -> found.isEmpty()
            ? Future.succeededFuture(Seen.notYet("not listed yet")) : seen(step, t, found.get()))));
  }

  private Future<Void> create(Context context, Step step, Target t) {
    return call(context, Retry.of("rds CreateDBInstanceReadReplica").stopOn(step.abandoned()), t.endpoint(),
        c -> c.createDBInstanceReadReplica(CreateDbInstanceReadReplicaRequest.builder()
            .dbInstanceIdentifier(t.instance())
            .sourceDBInstanceIdentifier(t.source())
            .sourceRegion(t.sourceRegion().orElse(null))
            .dbInstanceClass(t.instanceClass().orElse(null))
            .dbSubnetGroupName(t.subnetGroup().orElse(null))
            .vpcSecurityGroupIds(t.securityGroups().isEmpty() ? null : t.securityGroups())
            .kmsKeyId(t.kmsKeyId().orElse(null))
            .multiAZ(t.multiAz().orElse(null))
            .build()))
        .<Void>mapEmpty()
        .recover(err -> CodedFailure.coded(err).isProviderCode("DBInstanceAlreadyExists")
            ? describe(context, step, t).compose(found -> found.isPresent()
                ? seen(step, t, found.get()).<Void>mapEmpty() : Future.<Void>failedFuture(err))
            : Failing.under(t.label(step.id()), err));
  }

  /** The instance, or empty when RDS does not know it. */
  private Future<Optional<DBInstance>> describe(Context context, Step step, Target t) {
    return call(context, Retry.of("rds DescribeDBInstances").stopOn(step.abandoned()), t.endpoint(),
        c -> c.describeDBInstances(DescribeDbInstancesRequest.builder().dbInstanceIdentifier(t.instance()).build()))
        .map(r -> r.dbInstances().stream().findFirst())
        .recover(err -> CodedFailure.coded(err).isProviderCode("DBInstanceNotFound")
            ? Future.succeededFuture(Optional.empty()) : Failing.under(t.label(step.id()), err));
  }

  /** Done when available as a replica of the source; another instance of that name, or a dead one, fails. */
  static Future<Seen> seen(Step step, Target t, DBInstance i) {
    String source = i.readReplicaSourceDBInstanceIdentifier();
    String status = i.dbInstanceStatus();
    if (source == null || source.isBlank()
        || !RdsCreateReplicaDescriptor.sameSource(source, t.source())) {
      return Failing.with(FailureCode.REJECTED, t.label(step.id()) + ": the instance exists and is "
          + (source == null || source.isBlank() ? "not a replica" : "a replica of " + source) + ", not of "
          + t.source() + " (status " + status + ")");
    }
    if (RdsPromoteAction.terminal(status)) {
      return Failing.with(FailureCode.TERMINAL_STATE, t.label(step.id()) + ": replica creation failed, status " + status);
    }
    return Future.succeededFuture("available".equals(status) ? Seen.done("status " + status)
        : Seen.notYet("status " + status));
  }
}
