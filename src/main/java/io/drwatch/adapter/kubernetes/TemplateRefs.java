package io.drwatch.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The ConfigMaps and Secrets a pod template cannot start without: env {@code valueFrom} key refs,
 * {@code envFrom}, configMap/secret/projected volumes and image pull secrets. References marked
 * {@code optional: true} are left out: the kubelet starts the pod without them.
 */
final class TemplateRefs {
  /** One object a template depends on, e.g. {@code ConfigMap app-config}. */
  record Ref(String kind, String name) implements Comparable<Ref> {
    @Override
    public int compareTo(Ref o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return kind + " " + name;
    }
  }

  private TemplateRefs() {}

  static Set<Ref> of(PodSpec spec) {
    Set<Ref> refs = new TreeSet<>();
    if (spec == null) {
      return refs;
    }
    for (Container c : containers(spec)) {
      for (EnvVar env : nonNull(c.getEnv())) {
        var from = env.getValueFrom();
        if (from != null && from.getConfigMapKeyRef() != null && !optional(from.getConfigMapKeyRef().getOptional())) {
          refs.add(new Ref("ConfigMap", from.getConfigMapKeyRef().getName()));
        }
        if (from != null && from.getSecretKeyRef() != null && !optional(from.getSecretKeyRef().getOptional())) {
          refs.add(new Ref("Secret", from.getSecretKeyRef().getName()));
        }
      }
      for (EnvFromSource src : nonNull(c.getEnvFrom())) {
        if (src.getConfigMapRef() != null && !optional(src.getConfigMapRef().getOptional())) {
          refs.add(new Ref("ConfigMap", src.getConfigMapRef().getName()));
        }
        if (src.getSecretRef() != null && !optional(src.getSecretRef().getOptional())) {
          refs.add(new Ref("Secret", src.getSecretRef().getName()));
        }
      }
    }
    for (Volume v : nonNull(spec.getVolumes())) {
      volume(v, refs);
    }
    nonNull(spec.getImagePullSecrets()).forEach(s -> refs.add(new Ref("Secret", s.getName())));
    refs.removeIf(r -> r.name() == null || r.name().isBlank());
    return refs;
  }

  private static void volume(Volume v, Set<Ref> refs) {
    if (v.getConfigMap() != null && !optional(v.getConfigMap().getOptional())) {
      refs.add(new Ref("ConfigMap", v.getConfigMap().getName()));
    }
    if (v.getSecret() != null && !optional(v.getSecret().getOptional())) {
      refs.add(new Ref("Secret", v.getSecret().getSecretName()));
    }
    if (v.getProjected() != null) {
      for (VolumeProjection p : nonNull(v.getProjected().getSources())) {
        if (p.getConfigMap() != null && !optional(p.getConfigMap().getOptional())) {
          refs.add(new Ref("ConfigMap", p.getConfigMap().getName()));
        }
        if (p.getSecret() != null && !optional(p.getSecret().getOptional())) {
          refs.add(new Ref("Secret", p.getSecret().getName()));
        }
      }
    }
  }

  /** Containers and init containers: both must be able to start. */
  static List<Container> containers(PodSpec spec) {
    List<Container> all = new ArrayList<>();
    Stream.of(spec.getInitContainers(), spec.getContainers()).forEach(l -> all.addAll(nonNull(l)));
    return all;
  }

  private static boolean optional(Boolean b) {
    return Boolean.TRUE.equals(b);
  }

  private static <T> List<T> nonNull(List<T> l) {
    return l == null ? List.of() : l;
  }
}
