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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import software.amazon.awssdk.services.rds.model.DescribeGlobalClustersRequest;
import software.amazon.awssdk.services.rds.model.FailoverGlobalClusterRequest;
import software.amazon.awssdk.services.rds.model.GlobalCluster;
import software.amazon.awssdk.services.rds.model.SwitchoverGlobalClusterRequest;

/**
 * {@code aurora-global-failover}: makes a secondary cluster of an Aurora global database its writer.
 *
 * <ul>
 *   <li>check: {@code DescribeGlobalClusters} shows {@code targetCluster} as the writer
 *       ({@code IsWriter}) and no failover or switchover in progress: skipped.
 *   <li>apply: a real run calls {@code FailoverGlobalCluster} with {@code AllowDataLoss}
 *       ({@code allowDataLoss}, default true: the managed failover that does not wait for the old
 *       primary, so RPO is the lag at that moment). A drill calls {@code SwitchoverGlobalCluster}
 *       (waits for sync, RPO 0) in the primary's region, where AWS says to call it: {@code
 *       switchoverRegion}, else the current writer's region from {@code DescribeGlobalClusters}. A rejection because a failover to the same target is already in
 *       progress (a crash while the step was in flight) counts as applied.
 *   <li>await: polls {@code DescribeGlobalClusters} every {@code pollMillis} (1000) for at most
 *       {@code waitSeconds} (1800) until the target is the writer, no failover state is in
 *       progress and the global cluster is {@code available}. A failover that ends (its state
 *       disappears) without the target becoming writer was cancelled or failed: fail at once.
 * </ul>
 *
 * <p>Parameters: {@code globalCluster}, {@code targetCluster} (ARN of the secondary DB cluster),
 * {@code region} (the secondary's region: describe and failover go there), optional {@code
 * switchoverRegion}, optional {@code endpointOverride}, {@code allowDataLoss},
 * {@code pollMillis}, {@code waitSeconds}. IAM: {@code rds:DescribeGlobalClusters},
 * {@code rds:FailoverGlobalCluster}, {@code rds:SwitchoverGlobalCluster}.
 */
public final class AuroraGlobalFailoverAction extends AwsStepAction<RdsAsyncClient> {
  AuroraGlobalFailoverAction(Vertx vertx, Function<AwsEndpoint, RdsAsyncClient> build) {
    super("aurora-global-failover", vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    return target(step).compose(t -> describe(t).map(g -> {
      GlobalClusterView view = GlobalClusterView.of(g, t.targetCluster());
      return view.targetIsWriter() && !view.inProgress();
    }));
  }

  @Override
  public Future<Void> apply(Step step) {
    return target(step).compose(t -> (t.step().drill() ? switchover(t) : failover(t))
        // The service's own error code, kept on the failure: the global cluster is busy.
        .recover(err -> CodedFailure.coded(err).isProviderCode("InvalidGlobalClusterStateFault")
            ? alreadyUnderWay(t, CodedFailure.coded(err))
            : failed(t.label(), err)));
  }

  @Override
  public Future<Void> await(Step step) {
    return target(step).compose(t -> {
      // Whether this await saw the failover in progress; only touched on t.context(), between rounds.
      AtomicBoolean sawProgress = new AtomicBoolean();
      return awaitSeen(step, RdsParams.pollEvery(step), RdsParams.waitLimit(step), t.label(),
          () -> describe(t).compose(g -> seen(t, GlobalClusterView.of(g, t.targetCluster()), sawProgress)));
    });
  }

  private record Target(Context context, Step step, String globalCluster, String targetCluster,
      AwsEndpoint endpoint, boolean allowDataLoss, Optional<String> switchoverRegion) {
    String label() {
      return "step " + step.id() + ": aurora-global-failover " + globalCluster + " to " + targetCluster;
    }
  }

  private Future<Target> target(Step step) {
    Context context = vertx.getOrCreateContext();
    return parsed(() -> new Target(context, step, step.param("globalCluster"),
          step.param("targetCluster").strip(), StepClients.endpoint(step), RdsParams.flag(step, "allowDataLoss", true),
          Optional.ofNullable(step.params().get("switchoverRegion")).map(String::strip).filter(r -> !r.isEmpty())));
  }

  private Future<GlobalCluster> describe(Target t) {
    // Requests are built inside the invocation, on the worker: the first use loads the SDK's model classes.
    return AwsFutures.retried(Retry.of("rds DescribeGlobalClusters").stopOn(t.step().abandoned()), t.context(), () -> clients.get(t.endpoint())
            .describeGlobalClusters(DescribeGlobalClustersRequest.builder().globalClusterIdentifier(t.globalCluster())
                .build()))
        .recover(err -> failed(t.label(), err))
        .compose(r -> r.globalClusters().isEmpty()
            ? failed(FailureCode.NOT_FOUND, t.label() + ": DescribeGlobalClusters returned no global cluster")
            : Future.succeededFuture(r.globalClusters().get(0)))
        .compose(g -> GlobalClusterView.of(g, t.targetCluster()).member().isPresent()
            ? Future.succeededFuture(g)
            : failed(FailureCode.BAD_PARAMS, t.label() + ": not a member of the global cluster (members: "
                + GlobalClusterView.of(g, t.targetCluster()).members() + ")"));
  }

  private Future<Void> failover(Target t) {
    return AwsFutures.retried(Retry.of("rds FailoverGlobalCluster").stopOn(t.step().abandoned()), t.context(), () -> clients.get(t.endpoint())
        .failoverGlobalCluster(FailoverGlobalClusterRequest.builder()
            .globalClusterIdentifier(t.globalCluster())
            .targetDbClusterIdentifier(t.targetCluster())
            .allowDataLoss(t.allowDataLoss())
            .build())).mapEmpty();
  }

  /**
   * AWS documents a switchover as called in the primary's region: {@code switchoverRegion} if the
   * step names one, else the writer's as the global cluster reports it now.
   */
  private Future<Void> switchover(Target t) {
    Future<AwsEndpoint> where = t.switchoverRegion().isPresent()
        ? Future.succeededFuture(t.endpoint().inRegion(t.switchoverRegion().get()))
        : describe(t).map(g -> GlobalClusterView.of(g, t.targetCluster()).writerRegion()
            .map(t.endpoint()::inRegion).orElse(t.endpoint()));
    return where.compose(endpoint -> AwsFutures.retried(Retry.of("rds SwitchoverGlobalCluster (" + endpoint.region() + ")")
        .stopOn(t.step().abandoned()), t.context(), () -> clients.get(endpoint)
        .switchoverGlobalCluster(SwitchoverGlobalClusterRequest.builder()
            .globalClusterIdentifier(t.globalCluster())
            .targetDbClusterIdentifier(t.targetCluster())
            .build())).mapEmpty());
  }

  /** The global cluster refused because it is busy: fine if it is busy making our target the writer. */
  private Future<Void> alreadyUnderWay(Target t, CodedFailure rejection) {
    return describe(t).compose(g -> {
      GlobalClusterView view = GlobalClusterView.of(g, t.targetCluster());
      return view.targetIsWriter() || view.inProgressTowardsTarget()
          ? Future.<Void>succeededFuture()
          : failed(t.label() + " (" + view.state() + ")", rejection);
    });
  }

  private static Future<Seen> seen(Target t, GlobalClusterView view, AtomicBoolean sawProgress) {
    if (view.inProgress()) {
      sawProgress.set(true);
    } else if (sawProgress.get() && !view.targetIsWriter()) {
      return failed(FailureCode.TERMINAL_STATE, t.label() + ": the failover ended without the target becoming writer ("
          + view.state() + "); see RDS events 0186/0187/0239");
    }
    if ("deleting".equals(view.status())) {
      return failed(FailureCode.TERMINAL_STATE, t.label() + ": the global cluster is being deleted");
    }
    boolean done = view.targetIsWriter() && !view.inProgress() && "available".equals(view.status());
    return Future.succeededFuture(done ? Seen.done(view.state()) : Seen.notYet(view.state()));
  }

}
