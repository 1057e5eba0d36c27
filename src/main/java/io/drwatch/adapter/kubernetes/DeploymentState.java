package io.drwatch.adapter.kubernetes;

import io.drwatch.adapter.kubernetes.TemplateRefs.Ref;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one cluster shows for one deployment, read in one go on a worker thread (every call here
 * blocks; fabric8 bounds each by its request timeout).
 *
 * @param id {@code namespace/name}
 * @param deployment absent if the cluster has no such deployment
 * @param hpa the HorizontalPodAutoscaler (autoscaling/v2) whose scaleTargetRef is the deployment
 * @param runningImages container name to the digest its running pods report ({@code imageID}),
 *     read only when a container's image is an unpinned tag and pods are running
 * @param missing referenced ConfigMaps/Secrets that do not exist in this cluster
 */
record DeploymentState(String id, Optional<Deployment> deployment, Optional<HorizontalPodAutoscaler> hpa,
    Map<String, String> runningImages, Set<Ref> missing) {

  static DeploymentState read(KubernetesClient client, String id, Set<Ref> alsoRequired) {
    String ns = id.substring(0, id.indexOf('/'));
    String name = id.substring(id.indexOf('/') + 1);
    Deployment d = client.apps().deployments().inNamespace(ns).withName(name).get();
    if (d == null) {
      return new DeploymentState(id, Optional.empty(), Optional.empty(), Map.of(), Set.of());
    }
    PodSpec spec = d.getSpec().getTemplate().getSpec();
    Set<Ref> required = new TreeSet<>(TemplateRefs.of(spec));
    required.addAll(alsoRequired);
    Set<Ref> missing = new TreeSet<>();
    for (Ref r : required) {
      HasMetadata found = r.kind().equals("Secret")
          ? client.secrets().inNamespace(ns).withName(r.name()).get()
          : client.configMaps().inNamespace(ns).withName(r.name()).get();
      if (found == null) {
        missing.add(r);
      }
    }
    Optional<HorizontalPodAutoscaler> hpa = hpaFor(client, ns, name);
    return new DeploymentState(id, Optional.of(d), hpa, runningImages(client, ns, d), missing);
  }

  static Optional<HorizontalPodAutoscaler> hpaFor(KubernetesClient client, String ns, String name) {
    return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns).list().getItems().stream()
        .filter(h -> h.getSpec() != null && h.getSpec().getScaleTargetRef() != null)
        .filter(h -> "Deployment".equals(h.getSpec().getScaleTargetRef().getKind())
            && name.equals(h.getSpec().getScaleTargetRef().getName()))
        .findFirst();
  }

  /** Pods are listed only when a tag must be resolved and the deployment runs pods at all. */
  private static Map<String, String> runningImages(KubernetesClient client, String ns, Deployment d) {
    boolean unpinned = TemplateRefs.containers(d.getSpec().getTemplate().getSpec()).stream()
        .anyMatch(c -> !ImageRef.parse(c.getImage()).pinned());
    Integer replicas = d.getSpec().getReplicas();
    var selector = d.getSpec().getSelector();
    if (!unpinned || replicas == null || replicas == 0 || selector == null || selector.getMatchLabels() == null) {
      return Map.of();
    }
    List<Pod> pods = client.pods().inNamespace(ns).withLabels(selector.getMatchLabels()).list().getItems();
    Map<String, String> images = new HashMap<>();
    for (Pod p : pods) {
      if (p.getStatus() == null || !"Running".equals(p.getStatus().getPhase())) {
        continue;
      }
      var statuses = p.getStatus().getContainerStatuses();
      for (var s : statuses == null ? List.<io.fabric8.kubernetes.api.model.ContainerStatus>of() : statuses) {
        ImageRef.digestOfImageId(s.getImageID()).ifPresent(digest -> images.putIfAbsent(s.getName(), digest));
      }
    }
    return Map.copyOf(images);
  }

  /** {@code spec.replicas}; Kubernetes defaults an absent value to 1. */
  int replicas() {
    return deployment.map(d -> d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas()).orElse(0);
  }

  Set<Ref> templateRefs() {
    return deployment.map(d -> TemplateRefs.of(d.getSpec().getTemplate().getSpec())).orElse(Set.of());
  }
}
