package io.drwatch.adapter.aws.arc;

import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.support.Backoff;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.Retry;
import io.drwatch.adapter.aws.AwsStepAction;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterAsyncClient;
import software.amazon.awssdk.services.route53recoverycluster.model.GetRoutingControlStateRequest;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateRequest;

/**
 * {@code arc-routing-control}: sets a Route 53 ARC routing control On or Off through the cluster's
 * highly available data plane (no us-west-2 control-plane dependency).
 *
 * <ul>
 *   <li>check: {@code GetRoutingControlState} equals {@code state}.
 *   <li>apply: {@code UpdateRoutingControlState}. A safety rule that blocks the change fails the
 *       step with ARC's message; drwatch never overrides safety rules.
 *   <li>await: reads the state back until it equals {@code state}.
 * </ul>
 *
 * <p>As the ARC docs ask, every call tries the cluster's Regional endpoints in rotation: a timeout,
 * 5xx or throttling moves to the next endpoint after a short jittered pause; a 4xx (not found,
 * access denied, safety rule conflict) fails at once. At most two rounds over the endpoints (at
 * least {@value #MIN_ATTEMPTS} attempts). The endpoint that answered last is tried first next time.
 *
 * <p>Parameters: {@code routingControl} (ARN), {@code state} ({@code On}|{@code Off}),
 * {@code clusterEndpoints} and {@code clusterRegions} (comma-separated, same order, from
 * {@code DescribeCluster}), {@code waitSeconds} (60). IAM:
 * {@code route53-recovery-cluster:GetRoutingControlState}, {@code UpdateRoutingControlState}.
 */
public final class ArcRoutingControlAction extends AwsStepAction<Route53RecoveryClusterAsyncClient> {
  static final Duration POLL_EVERY = Duration.ofSeconds(1);
  static final int DEFAULT_WAIT_SECONDS = 60;
  static final int ROUNDS = 2;
  static final int MIN_ATTEMPTS = 4;
  /** Short: the next endpoint is another Region, there is no point in waiting long for it. */
  static final Backoff ROTATION = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));
  /**
   * Each attempt's bound (or the clients' own apiCallTimeout if shorter): an endpoint that does not
   * answer in 3 s is left for the next one instead of eating the step's budget.
   */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(3);

  private final Duration pollEvery;
  /** Per cluster (its endpoint list): the index of the endpoint that answered last. */
  private final ConcurrentMap<List<AwsEndpoint>, Integer> preferred = new ConcurrentHashMap<>();

  ArcRoutingControlAction(Vertx vertx, Function<AwsEndpoint, Route53RecoveryClusterAsyncClient> build,
      Duration pollEvery) {
    super("arc-routing-control", vertx, build);
    this.pollEvery = pollEvery;
  }

  @Override
  public Future<Boolean> check(Step step) {
    return target(step).compose(t -> read(t, step.abandoned()).map(s -> s == t.state()));
  }

  @Override
  public Future<Void> apply(Step step) {
    return target(step).compose(t -> call(t, step.abandoned(), "UpdateRoutingControlState", c -> c.updateRoutingControlState(
        UpdateRoutingControlStateRequest.builder().routingControlArn(t.routingControl())
            .routingControlState(t.state()).overrideConfiguration(o -> o.apiCallTimeout(attemptTimeout(c))).build())))
        .mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    return target(step).compose(t -> Poll.every(pollEvery, t.waitFor())
        .until(vertx, step.abandoned(), "step " + t.step() + ": routing control " + t.routingControl() + " to " + t.state(),
            () -> read(t, step.abandoned()), s -> s == t.state(), String::valueOf).result())
        .mapEmpty();
  }

  private Future<RoutingControlState> read(ArcTarget t, Future<?> stop) {
    return call(t, stop, "GetRoutingControlState", c -> c.getRoutingControlState(
        GetRoutingControlStateRequest.builder().routingControlArn(t.routingControl())
            .overrideConfiguration(o -> o.apiCallTimeout(attemptTimeout(c))).build()))
        .map(r -> r.routingControlState());
  }

  /** One call with our {@link Retry}, whose every attempt goes to the next endpoint of the rotation. */
  private <T> Future<T> call(ArcTarget t, Future<?> stop, String operation,
      Function<Route53RecoveryClusterAsyncClient, CompletableFuture<T>> invocation) {
    List<AwsEndpoint> endpoints = t.endpoints();
    int start = preferred.getOrDefault(endpoints, 0);
    AtomicInteger attempt = new AtomicInteger();
    AtomicInteger used = new AtomicInteger(start);
    int attempts = Math.max(MIN_ATTEMPTS, ROUNDS * endpoints.size());
    Retry call = Retry.of("step " + t.step() + ": route53-recovery-cluster " + operation + " (rotating over "
        + endpoints.size() + " cluster endpoints)").attempts(attempts).backoff(ROTATION).stopOn(stop);
    return AwsFutures.<T>retried(call, vertx.getOrCreateContext(), () -> {
      int i = (start + attempt.getAndIncrement()) % endpoints.size();
      used.set(i);
      return invocation.apply(clients.get(endpoints.get(i)));
    }).onSuccess(r -> preferred.put(endpoints, used.get()));
  }

  private static Duration attemptTimeout(Route53RecoveryClusterAsyncClient client) {
    return client.serviceClientConfiguration().overrideConfiguration().apiCallTimeout()
        .filter(d -> d.compareTo(ATTEMPT_TIMEOUT) < 0).orElse(ATTEMPT_TIMEOUT);
  }

  private static Future<ArcTarget> target(Step step) {
    return parsed(() -> ArcTarget.of(step));
  }
}
