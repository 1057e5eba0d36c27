package io.drwatch.adapter.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.Await;
import io.drwatch.testkit.TestVertx;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s-scale against fabric8's mock API server: CRUD mode for the state walk (the test plays the
 * deployment controller, since nothing reconciles in the mock), expectations mode for 429, 503 and
 * slow answers.
 */
class K8sScaleActionTest {
  private static Vertx vertx;
  private static MockCluster cluster;
  private static MockCluster scripted;
  private static K8sScaleAction action;
  private static K8sScaleAction impatient;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx(TestVertx.options().setWarningExceptionTime(100)
        .setWarningExceptionTimeUnit(TimeUnit.MILLISECONDS));
    cluster = MockCluster.crud();
    scripted = MockCluster.expectations();
    action = new K8sScaleAction(vertx, Duration.ofSeconds(5));
    impatient = new K8sScaleAction(vertx, Duration.ofMillis(500));
    // First requests load Jackson and the model into every event loop involved: outside the tests' check.
    cluster.app("warmup", "api", "shop/api:1", 0);
    onContext(() -> action.check(new Step("warm", params(cluster, "warmup", Map.of("replicas", "1")), false)));
  }

  @AfterAll
  static void stop() throws Exception {
    action.close();
    impatient.close();
    cluster.close();
    scripted.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  private static Map<String, String> params(MockCluster c, String ns, Map<String, String> extra) {
    Map<String, String> p = new HashMap<>(Map.of("url", c.url(), "namespace", ns, "deployment", "api"));
    p.putAll(extra);
    return p;
  }

  private static Step step(String ns, Map<String, String> extra) {
    return new Step("scale-api", params(cluster, ns, extra), false);
  }

  private static <T> T onContext(Supplier<Future<T>> call) throws Exception {
    Promise<T> done = Promise.promise();
    vertx.runOnContext(v -> call.get().onComplete(done));
    return done.future().await(60, TimeUnit.SECONDS);
  }

  private static Throwable failure(Supplier<Future<?>> call) throws Exception {
    Promise<Object> done = Promise.promise();
    vertx.runOnContext(v -> call.get().onComplete(ar -> done.complete(ar.failed() ? ar.cause() : ar.result())));
    Object result = done.future().await(60, TimeUnit.SECONDS);
    assertThat(result).as("expected a failure").isInstanceOf(Throwable.class);
    return (Throwable) result;
  }

  private static Deployment deployment(String ns) {
    return cluster.client.apps().deployments().inNamespace(ns).withName("api").get();
  }

  private static void controllerReports(String ns, int ready) {
    Deployment d = deployment(ns);
    d.setStatus(new DeploymentStatusBuilder().withReplicas(ready).withReadyReplicas(ready)
        .withAvailableReplicas(ready).build());
    cluster.client.apps().deployments().inNamespace(ns).resource(d).updateStatus();
  }

  @Test
  void shouldScalePatchTheHpaAndWaitForReadyReplicas() throws Exception {
    cluster.app("walk", "api", "shop/api:1", 0); // HPA min 2, max 10
    Step step = step("walk", Map.of("replicas", "12", "hpaMinReplicas", "12", "pollMillis", "100"));

    assertThat(onContext(() -> action.check(step))).isFalse();
    requests(cluster, "");
    onContext(() -> action.apply(step));

    assertThat(requests(cluster, "/apis")).as("HPA first, then the scale subresource").containsSubsequence(
        "PATCH /apis/autoscaling/v2/namespaces/walk/horizontalpodautoscalers/api",
        "PUT /apis/apps/v1/namespaces/walk/deployments/api/scale");

    assertThat(deployment("walk").getSpec().getReplicas()).isEqualTo(12);
    var hpa = cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("walk").withName("api").get();
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(12);
    assertThat(hpa.getSpec().getMaxReplicas()).as("raised: the API rejects min > max").isEqualTo(12);

    Promise<Void> awaited = Promise.promise();
    vertx.runOnContext(v -> action.await(step).onComplete(awaited));
    controllerReports("walk", 5);
    Await.pause(Duration.ofMillis(500)); // several polls see 5 of 12 ready
    assertThat(awaited.future().isComplete()).as("await must wait for 12 ready").isFalse();
    long reported = System.nanoTime();
    controllerReports("walk", 12);
    awaited.future().await(10, TimeUnit.SECONDS);
    assertThat(Await.elapsedMillis(reported)).isLessThan(2000);

    assertThat(onContext(() -> action.check(step))).as("done now: the step would be skipped").isTrue();
  }

  @Test
  void shouldNotTouchAnHpaThatAlreadyAllowsTheTarget() throws Exception {
    cluster.app("roomy", "api", "shop/api:1", 0); // HPA min 2, max 10
    onContext(() -> action.apply(step("roomy", Map.of("replicas", "2"))));
    var hpa = cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("roomy").withName("api").get();
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
    assertThat(deployment("roomy").getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void shouldFailAtOnceWhenTheDeploymentDoesNotExist() throws Exception {
    Throwable err = failure(() -> action.check(step("nowhere", Map.of("replicas", "3"))));
    assertThat(err).hasMessage("step scale-api: deployment nowhere/api not found at " + cluster.url());
  }

  @Test
  void shouldRejectBadParamsNamingStepKeyAndValue() throws Exception {
    assertThat(failure(() -> action.check(step("x", Map.of("replicas", "many")))))
        .hasMessage("step scale-api: replicas: must be a whole number for k8s-scale, was \"many\"");
    assertThat(failure(() -> action.check(step("x", Map.of()))))
        .hasMessage("step scale-api: replicas: required for k8s-scale");
  }

  @Test
  void shouldTimeOutAwaitNamingReadyCount() throws Exception {
    cluster.app("stuck", "api", "shop/api:1", 0);
    Step step = step("stuck", Map.of("replicas", "3", "pollMillis", "100", "waitSeconds", "1"));
    onContext(() -> action.apply(step));
    controllerReports("stuck", 1);
    Throwable err = failure(() -> action.await(step));
    assertThat(err).hasMessage("step scale-api: deployment stuck/api has 1 of 3 replicas ready after 1s");
  }

  private static Status status(int code, String reason, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withReason(reason).withMessage(message).build();
  }

  private static Step scriptedStep(String ns) {
    return new Step("scale-api", params(scripted, ns, Map.of("replicas", "3")), false);
  }

  private static List<String> requests(String path) throws InterruptedException {
    return requests(scripted, path);
  }

  /** Drains the server's record of requests; returns those whose path starts with {@code path}. */
  private static List<String> requests(MockCluster c, String path) throws InterruptedException {
    List<String> seen = new ArrayList<>();
    RecordedRequest r;
    while ((r = c.server.takeRequest(10, TimeUnit.MILLISECONDS)) != null) {
      if (r.getPath().startsWith(path)) {
        seen.add(r.getMethod() + " " + r.getPath());
      }
    }
    return seen;
  }

  @Test
  void shouldRetryThrottlingThenSucceed() throws Exception {
    String path = "/apis/apps/v1/namespaces/throttled/deployments/api";
    Deployment ready = MockCluster.deployment("throttled", "api", "shop/api:1", 3);
    ready.setStatus(new DeploymentStatusBuilder().withReadyReplicas(3).build());
    scripted.server.expect().get().withPath(path)
        .andReturn(429, status(429, "TooManyRequests", "client rate limiter")).times(2);
    scripted.server.expect().get().withPath(path).andReturn(200, ready).always();
    scripted.server.expect().get().withPath("/apis/autoscaling/v2/namespaces/throttled/horizontalpodautoscalers")
        .andReturn(200, Map.of("apiVersion", "autoscaling/v2", "kind", "HorizontalPodAutoscalerList",
            "items", List.of())).always();
    requests(""); // drop earlier tests' requests

    assertThat(onContext(() -> action.check(scriptedStep("throttled")))).isTrue();
    assertThat(requests(path)).hasSize(3);
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() throws Exception {
    String path = "/apis/apps/v1/namespaces/down/deployments/api";
    scripted.server.expect().get().withPath(path)
        .andReturn(503, status(503, "ServiceUnavailable", "etcd leader changed")).always();
    requests("");

    Throwable err = failure(() -> action.check(scriptedStep("down")));

    assertThat(err).hasMessage("step scale-api: k8s-scale GET deployment down/api failed after 4 attempts: "
        + "HTTP 503 ServiceUnavailable: etcd leader changed");
    assertThat(requests(path)).hasSize(4);
  }

  @Test
  void shouldBoundASlowAnswerByTheRequestTimeout() throws Exception {
    String path = "/apis/apps/v1/namespaces/slow/deployments/api";
    scripted.server.expect().get().delay(3, TimeUnit.SECONDS).withPath(path)
        .andReturn(200, MockCluster.deployment("slow", "api", "shop/api:1", 3)).always();
    long start = System.nanoTime();

    Throwable err = failure(() -> impatient.check(scriptedStep("slow")));

    assertThat(err).hasMessage("step scale-api: k8s-scale GET deployment slow/api failed after 4 attempts: "
        + "no answer within 500ms");
    assertThat(Await.elapsedMillis(start)).isLessThan(8000);
  }
}
