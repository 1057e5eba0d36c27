package io.drwatch.adapter.kubernetes;

import io.drwatch.adapter.kubernetes.K8sScaleDescriptor.Target;
import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.FailureCode;
import io.drwatch.spi.DescribedAction;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code k8s-scale}: scales a standby Deployment up for failover.
 *
 * <ul>
 *   <li>check: {@code spec.replicas >= replicas}, {@code status.readyReplicas >= replicas} and, if
 *       an HPA targets the deployment, its {@code minReplicas >= hpaMinReplicas}: already done.
 *   <li>apply: first the HPA (if any) gets {@code minReplicas = hpaMinReplicas} and, if lower, {@code
 *       maxReplicas} raised to match (JSON merge patch): scaled first, the HPA could scale straight
 *       back. Then the deployment's {@code scale} subresource is set to {@code replicas}.
 *   <li>await: polls {@code readyReplicas} every {@code pollMillis} until it reaches {@code
 *       replicas}, for at most {@code waitSeconds}.
 * </ul>
 *
 * <p>Every API call runs on a worker thread ({@link KubeCalls}), is bounded by the request timeout
 * and retried on 429/5xx/I/O with backoff; 404 and 403 fail at once. fabric8 sends the scale as
 * GET + PUT of the {@code autoscaling/v1 Scale} and the HPA patch as GET + PATCH. RBAC in the
 * namespace: deployments get, deployments/scale get+update+patch, horizontalpodautoscalers
 * list+get+patch.
 */
public final class K8sScaleAction extends DescribedAction<Target> implements AutoCloseable {
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final Vertx vertx;
  private final KubeClients clients;
  private final Duration requestTimeout;

  K8sScaleAction(Vertx vertx, Duration requestTimeout) {
    super(new K8sScaleDescriptor());
    this.vertx = vertx;
    this.requestTimeout = requestTimeout;
    this.clients = new KubeClients(requestTimeout);
  }

  public static K8sScaleAction create(Vertx vertx) {
    return new K8sScaleAction(vertx, DEFAULT_REQUEST_TIMEOUT);
  }

  /** The deployment and the HPA targeting it, read together. */
  private record State(Deployment deployment, Optional<HorizontalPodAutoscaler> hpa) {
    int desired() {
      Integer r = deployment.getSpec().getReplicas();
      return r == null ? 1 : r;
    }

    int ready() {
      Integer r = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
      return r == null ? 0 : r;
    }
  }

  @Override
  protected Future<Boolean> check(Step step, Target t) {
    return read(step, t).map(s -> s.desired() >= t.replicas() && s.ready() >= t.replicas()
        && s.hpa().map(h -> min(h) >= t.hpaMinReplicas()).orElse(true));
  }

  @Override
  protected Future<Void> apply(Step step, Target t) {
    return read(step, t).compose(s -> patchHpa(step, t, s)).compose(v -> scale(step, t));
  }

  @Override
  protected Future<Void> await(Step step, Target t) {
    // A failed read (after its retries) ends the wait at once.
    return Poll.every(t.poll(), t.waitFor()).until(vertx, step.abandoned(), () -> read(step, t),
        s -> s.ready() >= t.replicas(), ar -> "step " + step.id() + ": deployment " + t.id() + " has "
            + ar.result().ready() + " of " + t.replicas() + " replicas ready after " + t.waitFor().toSeconds() + "s")
        .result().mapEmpty();
  }

  private Future<State> read(Step step, Target t) {
    return call(step, "GET deployment " + t.id(), () -> {
      KubernetesClient client = clients.client(t.cluster());
      Deployment d = client.apps().deployments().inNamespace(t.namespace()).withName(t.deployment()).get();
      if (d == null) {
        return null;
      }
      return new State(d, DeploymentState.hpaFor(client, t.namespace(), t.deployment()));
    }).compose(s -> s != null ? Future.succeededFuture(s)
        : Failing.with(FailureCode.NOT_FOUND, "step " + step.id() + ": deployment " + t.id() + " not found at "
            + t.cluster().label()));
  }

  private Future<Void> patchHpa(Step step, Target t, State s) {
    int ceiling = Math.max(t.replicas(), t.hpaMinReplicas());
    if (s.hpa().isEmpty() || min(s.hpa().get()) >= t.hpaMinReplicas() && max(s.hpa().get()) >= ceiling) {
      return Future.succeededFuture();
    }
    HorizontalPodAutoscaler hpa = s.hpa().get();
    String name = hpa.getMetadata().getName();
    int max = Math.max(max(hpa), ceiling); // the API rejects minReplicas > maxReplicas
    String patch = "{\"spec\":{\"minReplicas\":" + t.hpaMinReplicas() + ",\"maxReplicas\":" + max + "}}";
    return call(step, "PATCH horizontalpodautoscaler " + t.namespace() + "/" + name, () ->
        clients.client(t.cluster()).autoscaling().v2().horizontalPodAutoscalers().inNamespace(t.namespace())
            .withName(name).patch(PatchContext.of(PatchType.JSON_MERGE), patch)).mapEmpty();
  }

  private Future<Void> scale(Step step, Target t) {
    return call(step, "scale deployment " + t.id() + " to " + t.replicas(), () ->
        clients.client(t.cluster()).apps().deployments().inNamespace(t.namespace()).withName(t.deployment())
            .scale(t.replicas())).mapEmpty();
  }

  /** One blocking call with our retries (429, 5xx, timeouts, transport failures). */
  private <T> Future<T> call(Step step, String what, Callable<T> call) {
    return Retry.of("step " + step.id() + ": k8s-scale " + what).stopOn(step.abandoned()).run(vertx,
        () -> KubeCalls.blocking(vertx, requestTimeout, call));
  }

  private static int min(HorizontalPodAutoscaler h) {
    Integer m = h.getSpec().getMinReplicas();
    return m == null ? 1 : m;
  }

  private static int max(HorizontalPodAutoscaler h) {
    Integer m = h.getSpec().getMaxReplicas();
    return m == null ? 0 : m;
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }

  /** Closes the clients and their Vert.x instance (blocking briefly: called at shutdown). */
  @Override
  public void close() {
    clients.close();
  }
}
