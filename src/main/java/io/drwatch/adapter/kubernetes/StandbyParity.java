package io.drwatch.adapter.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares one deployment's standby with its primary. The image rule:
 *
 * <ul>
 *   <li>both pinned ({@code @sha256:}): the digests must be equal; the registry may differ (a DR
 *       region pulls from its own replicated registry);
 *   <li>one pinned, one not: drift, the two cannot be shown to run the same bytes;
 *   <li>both tags: repository and tag must be equal, and when both clusters run pods the digests
 *       they pulled ({@code imageID}) must be equal too; with no pods on one side (a standby at 0)
 *       the tag cannot be resolved, which is a note ("unpinned tag, not verified"), not drift.
 * </ul>
 */
final class StandbyParity {
  /** Drift reasons (each a LAGGING reason) and notes for the detail line. */
  record Result(List<String> drift, List<String> notes) {}

  private StandbyParity() {}

  static Result compare(DeploymentState primary, DeploymentState standby) {
    List<String> drift = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    String id = standby.id();
    if (primary.deployment().isEmpty()) {
      drift.add("primary cluster has no deployment " + id);
      return new Result(drift, notes);
    }
    images(id, primary, standby, drift, notes);
    standby.missing().forEach(r -> drift.add(id + ": " + r + " missing in the standby namespace"));
    hpa(id, primary.hpa(), standby.hpa(), drift);
    return new Result(drift, notes);
  }

  private static void images(String id, DeploymentState primary, DeploymentState standby, List<String> drift,
      List<String> notes) {
    Map<String, String> p = images(primary.deployment().get());
    Map<String, String> s = images(standby.deployment().get());
    if (!p.keySet().equals(s.keySet())) {
      drift.add(id + ": containers differ, primary " + p.keySet() + ", standby " + s.keySet());
      return;
    }
    for (var e : p.entrySet()) {
      String c = e.getKey();
      ImageRef a = ImageRef.parse(e.getValue());
      ImageRef b = ImageRef.parse(s.get(c));
      String where = id + " container " + c;
      if (a.pinned() && b.pinned()) {
        if (!a.digest().equals(b.digest())) {
          drift.add(where + ": image digest primary " + a.digest().get() + ", standby " + b.digest().get());
        }
      } else if (a.pinned() != b.pinned()) {
        drift.add(where + ": image pinned on one side only, primary " + e.getValue() + ", standby " + s.get(c));
      } else if (!a.tagKey().equals(b.tagKey())) {
        drift.add(where + ": image primary " + e.getValue() + ", standby " + s.get(c));
      } else {
        String pr = primary.runningImages().get(c);
        String sr = standby.runningImages().get(c);
        if (pr != null && sr != null && !pr.equals(sr)) {
          drift.add(where + ": tag " + a.tagKey() + " runs digest " + pr + " on primary, " + sr + " on standby");
        } else if (pr == null || sr == null) {
          notes.add(where + ": unpinned tag " + a.tagKey() + ", not verified");
        }
      }
    }
  }

  private static void hpa(String id, Optional<HorizontalPodAutoscaler> primary,
      Optional<HorizontalPodAutoscaler> standby, List<String> drift) {
    if (standby.isEmpty()) {
      primary.ifPresent(h -> drift.add(id + ": primary has HPA " + h.getMetadata().getName()
          + ", the standby has none targeting the deployment"));
      return;
    }
    var spec = standby.get().getSpec();
    String name = standby.get().getMetadata().getName();
    if (spec.getMinReplicas() == null || spec.getMaxReplicas() == null) {
      drift.add(id + ": standby HPA " + name + " lacks minReplicas/maxReplicas");
      return;
    }
    Integer primaryMax = primary.map(h -> h.getSpec().getMaxReplicas()).orElse(null);
    if (primaryMax != null && spec.getMaxReplicas() < primaryMax) {
      drift.add(id + ": standby HPA " + name + " maxReplicas " + spec.getMaxReplicas() + " < primary's " + primaryMax);
    }
  }

  /** Container name to image, init containers included. */
  private static Map<String, String> images(Deployment d) {
    Map<String, String> images = new LinkedHashMap<>();
    for (Container c : TemplateRefs.containers(d.getSpec().getTemplate().getSpec())) {
      images.put(c.getName(), c.getImage() == null ? "" : c.getImage());
    }
    return images;
  }
}
