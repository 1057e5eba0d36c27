package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.elasticache.ElastiCacheGlobalAssociateDescriptor.Target;
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
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.elasticache.model.CreateReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.DescribeGlobalReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroupMember;

/**
 * {@code elasticache-global-associate}: re-protection for an ElastiCache Global Datastore whose
 * secondary was lost or disassociated. AWS has no "re-associate": a region joins a datastore by a
 * new replication group created with {@code GlobalReplicationGroupId} (engine, node type and
 * shards follow the primary), and a disassociated cluster cannot rejoin.
 *
 * <ul>
 *   <li>check: {@code DescribeGlobalReplicationGroups} (member info) lists {@code replicationGroup}
 *       in {@code region} as {@code associated} and the datastore is {@code available}.
 *   <li>apply: {@code CreateReplicationGroup}, unless the member is listed already (a retry after a
 *       crash). {@code ReplicationGroupAlreadyExists} for a group that is not a member fails REJECTED:
 *       a standalone cluster of that name is in the way.
 *   <li>await: polls every {@code pollMillis} until the check holds ({@code associating},
 *       {@code creating}, {@code modifying} keep polling), at most {@code waitSeconds}; a datastore
 *       being deleted fails at once.
 * </ul>
 */
public final class ElastiCacheGlobalAssociateAction extends AwsStepAction<ElastiCacheAsyncClient> {
  private final ElastiCacheGlobalAssociateDescriptor descriptor = new ElastiCacheGlobalAssociateDescriptor();

  ElastiCacheGlobalAssociateAction(Vertx vertx, Function<AwsEndpoint, ElastiCacheAsyncClient> build) {
    super("elasticache-global-associate", vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    Context context = vertx.getOrCreateContext();
    return descriptor.target(step).compose(t -> describe(context, step, t).compose(g -> seen(step, t, g))
        .map(Seen::done));
  }

  @Override
  public Future<Void> apply(Step step) {
    Context context = vertx.getOrCreateContext();
    return descriptor.target(step).compose(t -> describe(context, step, t)
        .compose(g -> member(t, g).isPresent() ? Future.<Void>succeededFuture() : create(context, step, t)));
  }

  @Override
  public Future<Void> await(Step step) {
    Context context = vertx.getOrCreateContext();
    return descriptor.target(step).compose(t -> awaitSeen(step, t.poll(), t.waitFor(), t.label(step.id()),
        () -> describe(context, step, t).compose(g -> seen(step, t, g))));
  }

  private Future<Void> create(Context context, Step step, Target t) {
    return call(context, Retry.of("elasticache CreateReplicationGroup " + t.replicationGroup()).stopOn(step.abandoned()),
        t.endpoint(), c -> c.createReplicationGroup(CreateReplicationGroupRequest.builder()
            .replicationGroupId(t.replicationGroup())
            .replicationGroupDescription(t.description())
            .globalReplicationGroupId(t.globalReplicationGroup())
            .cacheSubnetGroupName(t.subnetGroup().orElse(null))
            .securityGroupIds(t.securityGroups().isEmpty() ? null : t.securityGroups())
            .numCacheClusters(t.numCacheClusters().orElse(null))
            .build()))
        .<Void>mapEmpty()
        .recover(err -> CodedFailure.coded(err).isProviderCode("ReplicationGroupAlreadyExists")
            ? describe(context, step, t).compose(g -> member(t, g).isPresent() ? Future.<Void>succeededFuture()
                : Failing.with(FailureCode.REJECTED, t.label(step.id()) + ": a replication group of that id exists"
                    + " and is not a member of " + t.globalReplicationGroup() + " (a disassociated cluster cannot"
                    + " rejoin: delete it or use another id)"))
            : Failing.under(t.label(step.id()), err));
  }

  private Future<GlobalReplicationGroup> describe(Context context, Step step, Target t) {
    String id = t.globalReplicationGroup();
    return call(context, t.label(step.id()), Retry.of("elasticache DescribeGlobalReplicationGroups " + id)
            .stopOn(step.abandoned()), t.endpoint(),
        c -> c.describeGlobalReplicationGroups(DescribeGlobalReplicationGroupsRequest.builder()
            .globalReplicationGroupId(id).showMemberInfo(true).build()))
        .compose(r -> r.globalReplicationGroups().stream().filter(g -> id.equals(g.globalReplicationGroupId()))
            .findFirst().map(Future::succeededFuture)
            .orElseGet(() -> Failing.with(FailureCode.NOT_FOUND, t.label(step.id()) + ": global datastore " + id
                + " not in the answer")));
  }

  private static Optional<GlobalReplicationGroupMember> member(Target t, GlobalReplicationGroup g) {
    return g.members().stream().filter(m -> t.replicationGroup().equals(m.replicationGroupId())
        && t.endpoint().region().equals(m.replicationGroupRegion())).findFirst();
  }

  /** Done when the member is associated and the datastore settled; a datastore going away fails. */
  static Future<Seen> seen(Step step, Target t, GlobalReplicationGroup g) {
    String status = String.valueOf(g.status());
    if (status.equalsIgnoreCase("deleting") || status.equalsIgnoreCase("deleted")) {
      return Failing.with(FailureCode.TERMINAL_STATE, t.label(step.id()) + ": global datastore "
          + t.globalReplicationGroup() + " is " + status);
    }
    Optional<GlobalReplicationGroupMember> m = member(t, g);
    String memberStatus = m.map(x -> String.valueOf(x.status())).orElse("not a member");
    boolean done = m.isPresent() && memberStatus.equalsIgnoreCase("associated") && status.equalsIgnoreCase("available");
    return Future.succeededFuture(new Seen(done, "datastore " + status + ", member " + memberStatus));
  }
}
