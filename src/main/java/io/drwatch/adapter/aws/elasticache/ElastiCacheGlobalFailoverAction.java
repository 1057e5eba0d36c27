package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import software.amazon.awssdk.services.elasticache.model.DescribeGlobalReplicationGroupsRequest;
import software.amazon.awssdk.services.elasticache.model.FailoverGlobalReplicationGroupRequest;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroup;
import software.amazon.awssdk.services.elasticache.model.GlobalReplicationGroupMember;

/**
 * {@code elasticache-global-failover}: makes one member of an ElastiCache Global Datastore its
 * primary ({@code FailoverGlobalReplicationGroup}).
 *
 * <ul>
 *   <li>check: {@code DescribeGlobalReplicationGroups} (with member info) shows the member as
 *       {@code PRIMARY} and the datastore {@code available} (or {@code primary-only}).
 *   <li>apply: {@code FailoverGlobalReplicationGroup}, unless the member already is {@code PRIMARY}
 *       (a retry after a crash while the datastore was still {@code modifying}). {@code PrimaryRegion} and {@code
 *       PrimaryReplicationGroupId} name the member that is to BECOME primary (the API's wording
 *       reads as if they named the current one; see aws-channels.md B2).
 *   <li>await: polls every {@code pollMillis} until the same read-back holds; {@code modifying}
 *       and {@code failing-over} keep polling; bounded by {@code waitSeconds}.
 * </ul>
 *
 * <p>Parameters: {@code globalReplicationGroup}, {@code primaryRegion}, {@code
 * primaryReplicationGroup}, {@code region} (the API endpoint; use the new primary's, which is up),
 * optional {@code endpointOverride}, {@code pollMillis} (2000), {@code waitSeconds} (900). IAM:
 * {@code elasticache:DescribeGlobalReplicationGroups}, {@code elasticache:FailoverGlobalReplicationGroup}.
 */
public final class ElastiCacheGlobalFailoverAction extends AwsStepAction<ElastiCacheAsyncClient> {
  static final String NAME = "elasticache-global-failover";

  /** The member that is to be primary, and where to ask. */
  record Target(String step, String group, String region, String member, AwsEndpoint endpoint, Pace pace) {
    /** Messages are cut at 160 characters downstream: the step first, then what failed. */
    static Target of(Step step) {
      return new Target("step " + step.id(), step.param("globalReplicationGroup"), step.param("primaryRegion"),
          step.param("primaryReplicationGroup"), StepClients.endpoint(step), Pace.of(step, 2000, 900));
    }
  }

  ElastiCacheGlobalFailoverAction(Vertx vertx, Function<AwsEndpoint, ElastiCacheAsyncClient> build) {
    super(NAME, vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> Target.of(step))
        .compose(t -> describe(context, t, step.abandoned()).compose(g -> seen(t, g)).map(Seen::done));
  }

  @Override
  public Future<Void> apply(Step step) {
    Context context = vertx.getOrCreateContext();
    // A retry after a crash may find the roles already switched and the datastore still
    // modifying: the failover was made, await verifies it; promoting again could race it.
    return parsed(() -> Target.of(step)).compose(t -> describe(context, t, step.abandoned()).compose(g -> member(t, g))
        .compose(m -> "primary".equalsIgnoreCase(m.role()) ? Future.<Void>succeededFuture()
            : failover(context, t, step.abandoned())));
  }

  private Future<Void> failover(Context context, Target t, Future<?> stop) {
    return call(context, t.step(), Retry.of("elasticache FailoverGlobalReplicationGroup " + t.group()).stopOn(stop),
        t.endpoint(), c -> c.failoverGlobalReplicationGroup(FailoverGlobalReplicationGroupRequest.builder()
            .globalReplicationGroupId(t.group())
            .primaryRegion(t.region())
            .primaryReplicationGroupId(t.member()).build()))
        .mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> Target.of(step)).compose(t -> awaitSeen(step, t.pace(),
        t.step() + ": " + t.member() + " in global datastore " + t.group(),
        () -> describe(context, t, step.abandoned()).compose(g -> seen(t, g))));
  }

  private Future<GlobalReplicationGroup> describe(Context context, Target t, Future<?> stop) {
    return call(context, t.step(), Retry.of("elasticache DescribeGlobalReplicationGroups " + t.group()).stopOn(stop),
        t.endpoint(), c -> c.describeGlobalReplicationGroups(DescribeGlobalReplicationGroupsRequest.builder()
            .globalReplicationGroupId(t.group()).showMemberInfo(true).build()))
        .compose(response -> response.globalReplicationGroups().stream()
            .filter(g -> t.group().equals(g.globalReplicationGroupId())).findFirst()
            .map(Future::succeededFuture)
            .orElseGet(() -> failed(t.step() + ": global datastore " + t.group() + " not in the answer")));
  }

  /** Done when the member is primary and the datastore settled. */
  static Future<Seen> seen(Target t, GlobalReplicationGroup g) {
    return member(t, g).map(m -> {
      String status = String.valueOf(g.status());
      boolean settled = status.equalsIgnoreCase("available") || status.equalsIgnoreCase("primary-only");
      boolean primary = "primary".equalsIgnoreCase(m.role());
      return new Seen(settled && primary, "datastore " + status + ", member " + m.role());
    });
  }

  /** The target member; its absence fails, naming the members there are. */
  private static Future<GlobalReplicationGroupMember> member(Target t, GlobalReplicationGroup g) {
    return g.members().stream()
        .filter(x -> t.member().equals(x.replicationGroupId()) && t.region().equals(x.replicationGroupRegion()))
        .findFirst().map(Future::succeededFuture)
        .orElseGet(() -> failed(t.step() + ": " + t.member() + " (" + t.region() + ") is not a member of global datastore "
            + t.group() + " (members: " + g.members().stream()
                .map(x -> x.replicationGroupId() + " (" + x.replicationGroupRegion() + ")")
                .collect(Collectors.joining(", ")) + ")"));
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }
}
