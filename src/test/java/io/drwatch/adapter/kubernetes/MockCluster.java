package io.drwatch.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One fake cluster: fabric8's KubernetesMockServer in CRUD mode (a real HTTP server keeping objects
 * by path, answering the Kubernetes REST API's shapes), plus builders for the objects the tests need.
 * Nothing reconciles in the mock: a test that needs ready replicas writes the status itself.
 */
final class MockCluster implements AutoCloseable {
  final KubernetesMockServer server;
  final KubernetesClient client;

  private MockCluster(KubernetesMockServer server) {
    this.server = server;
    this.client = server.createClient();
  }

  static MockCluster crud() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(), false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    return new MockCluster(server);
  }

  /** Expectations mode: only what the test scripted is answered (for 429/5xx and slow answers). */
  static MockCluster expectations() throws Exception {
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        false);
    server.init(InetAddress.getByName("127.0.0.1"), 0);
    return new MockCluster(server);
  }

  String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  /** A deployment with one container reading ConfigMap {@code <name>-config} through envFrom. */
  static Deployment deployment(String ns, String name, String image, int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata().withNamespace(ns).withName(name).endMetadata()
        .withNewSpec().withReplicas(replicas)
        .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
        .withNewTemplate().withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
        .withNewSpec().withContainers(new ContainerBuilder().withName("app").withImage(image)
            .withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef().withName(name + "-config").endConfigMapRef()
                .build())
            .build())
        .endSpec().endTemplate().endSpec().build();
  }

  /** The deployment, its ConfigMap and an HPA (min 2, max 10) targeting it. */
  void app(String ns, String name, String image, int replicas) {
    client.apps().deployments().inNamespace(ns).resource(deployment(ns, name, image, replicas)).create();
    configMap(ns, name + "-config");
    hpa(ns, name, 2, 10);
  }

  void configMap(String ns, String name) {
    client.configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withNamespace(ns)
        .withName(name).endMetadata().withData(Map.of("k", "v")).build()).create();
  }

  void secret(String ns, String name) {
    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withNamespace(ns)
        .withName(name).endMetadata().withStringData(Map.of("password", "s3cr3t")).build()).create();
  }

  void hpa(String ns, String deployment, int min, int max) {
    client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).resource(new HorizontalPodAutoscalerBuilder()
        .withNewMetadata().withNamespace(ns).withName(deployment).endMetadata()
        .withNewSpec().withMinReplicas(min).withMaxReplicas(max)
        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(deployment)
        .endScaleTargetRef().endSpec().build()).create();
  }

  /** A running pod of {@code app} whose container "app" reports {@code imageId} (as a kubelet would). */
  void runningPod(String ns, String app, String name, String imageId) {
    client.pods().inNamespace(ns).resource(new PodBuilder().withNewMetadata().withNamespace(ns).withName(name)
        .withLabels(Map.of("app", app)).endMetadata()
        .withNewSpec().addNewContainer().withName("app").withImage("shop/api:1.4").endContainer().endSpec()
        .build()).create();
    Pod pod = client.pods().inNamespace(ns).withName(name).get();
    pod.setStatus(new PodStatusBuilder().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
        .withName("app").withImage("shop/api:1.4").withImageID(imageId).withReady(true).build()).build());
    client.pods().inNamespace(ns).resource(pod).updateStatus();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
