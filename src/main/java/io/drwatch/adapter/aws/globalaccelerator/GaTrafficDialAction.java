package io.drwatch.adapter.aws.globalaccelerator;

import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.aws.AwsStepAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorAsyncClient;
import software.amazon.awssdk.services.globalaccelerator.model.AcceleratorStatus;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeAcceleratorRequest;
import software.amazon.awssdk.services.globalaccelerator.model.DescribeEndpointGroupRequest;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;
import software.amazon.awssdk.services.globalaccelerator.model.UpdateEndpointGroupRequest;

/**
 * {@code ga-traffic-dial}: sets the traffic dial of one Global Accelerator endpoint group (one
 * Region), typically a fence step that dials the old primary to 0 before a promotion.
 *
 * <ul>
 *   <li>check: {@code DescribeEndpointGroup} shows {@code TrafficDialPercentage == dial}.
 *   <li>apply: {@code UpdateEndpointGroup} with the ARN and {@code TrafficDialPercentage} only:
 *       the update replaces what it is sent (endpoint configurations, health checks), so sending
 *       nothing else leaves them as they are.
 *   <li>await: reads the group back until the dial matches and, when the accelerator ARN can be
 *       derived, {@code DescribeAccelerator} until its status is {@code DEPLOYED}.
 * </ul>
 *
 * <p>The accelerator ARN is the endpoint group ARN cut before {@code /listener/}
 * ({@code arn:aws:globalaccelerator::ACCOUNT:accelerator/ID/listener/L/endpoint-group/G}); an ARN
 * of another shape is still dialled, and the await then checks the dial only. The dial acts on new
 * connections only, and GA ignores dials when a group has no healthy endpoint (see the runbook).
 *
 * <p>Parameters: {@code endpointGroup} (ARN), {@code dial} (0..100), {@code region} (the control
 * plane's, {@code us-west-2}), optional {@code endpointOverride}, {@code waitSeconds} (120).
 * IAM: {@code globalaccelerator:DescribeEndpointGroup}, {@code UpdateEndpointGroup},
 * {@code DescribeAccelerator}.
 */
public final class GaTrafficDialAction extends AwsStepAction<GlobalAcceleratorAsyncClient> {
  static final String CONTROL_PLANE_REGION = "us-west-2";
  static final Duration POLL_EVERY = Duration.ofSeconds(2);
  static final int DEFAULT_WAIT_SECONDS = 120;

  /** What await reads: the group's dial and, if known, the accelerator's status. */
  record State(float dial, Optional<AcceleratorStatus> accelerator) {
    boolean settled(int target) {
      return GaTarget.same(dial, target) && accelerator.map(s -> s == AcceleratorStatus.DEPLOYED).orElse(true);
    }

    String describe() {
      return "dial " + GaTarget.format(dial) + accelerator.map(s -> ", accelerator " + s).orElse("");
    }
  }

  private final Duration pollEvery;

  GaTrafficDialAction(Vertx vertx, Function<AwsEndpoint, GlobalAcceleratorAsyncClient> build, Duration pollEvery) {
    super("ga-traffic-dial", vertx, build);
    this.pollEvery = pollEvery;
  }

  @Override
  public Future<Boolean> check(Step step) {
    return target(step).compose(t -> describeGroup(t, step.abandoned()).map(group -> GaTarget.same(dialOf(group), t.dial())));
  }

  @Override
  public Future<Void> apply(Step step) {
    return target(step).compose(t -> call(t, step.abandoned(), "UpdateEndpointGroup", c -> c.updateEndpointGroup(
        UpdateEndpointGroupRequest.builder().endpointGroupArn(t.endpointGroup())
            .trafficDialPercentage((float) t.dial()).build())))
        .mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    return target(step).compose(t -> Poll.every(pollEvery, t.waitFor())
        .until(vertx, step.abandoned(), "step " + t.step() + ": endpoint group " + t.endpointGroup() + " to dial " + t.dial(),
            () -> state(t, step.abandoned()), s -> s.settled(t.dial()), State::describe).result())
        .mapEmpty();
  }

  private Future<State> state(GaTarget t, Future<?> stop) {
    Future<Float> dial = describeGroup(t, stop).map(GaTrafficDialAction::dialOf);
    if (t.accelerator().isEmpty()) {
      return dial.map(d -> new State(d, Optional.empty()));
    }
    return dial.compose(d -> call(t, stop, "DescribeAccelerator", c -> c.describeAccelerator(
            DescribeAcceleratorRequest.builder().acceleratorArn(t.accelerator().get()).build()))
        .map(r -> new State(d, Optional.of(r.accelerator().status()))));
  }

  private Future<EndpointGroup> describeGroup(GaTarget t, Future<?> stop) {
    return call(t, stop, "DescribeEndpointGroup", c -> c.describeEndpointGroup(
        DescribeEndpointGroupRequest.builder().endpointGroupArn(t.endpointGroup()).build()))
        .map(r -> r.endpointGroup());
  }

  /** A group that never had a dial set reports none: the documented default is 100. */
  private static float dialOf(EndpointGroup group) {
    return group.trafficDialPercentage() == null ? 100f : group.trafficDialPercentage();
  }

  private <T> Future<T> call(GaTarget t, Future<?> stop, String operation,
      Function<GlobalAcceleratorAsyncClient, CompletableFuture<T>> invocation) {
    return call(vertx.getOrCreateContext(), Retry.of("step " + t.step() + ": globalaccelerator " + operation)
        .stopOn(stop), t.endpoint(), invocation);
  }

  private static Future<GaTarget> target(Step step) {
    return parsed(() -> GaTarget.of(step));
  }
}
