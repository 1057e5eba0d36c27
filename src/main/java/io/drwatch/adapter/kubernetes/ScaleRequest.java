package io.drwatch.adapter.kubernetes;

import io.drwatch.port.FailoverAction.Step;
import java.time.Duration;

/**
 * The parameters of one {@code k8s-scale} step: where ({@code url} plus {@code tokenFile}/{@code
 * caFile} or {@code eksCluster}+{@code region}), what ({@code namespace}, {@code deployment}), to how
 * many ({@code replicas}, {@code hpaMinReplicas} default the same) and how long to wait for ready
 * replicas ({@code pollMillis} default 2000, {@code waitSeconds} default 600).
 */
record ScaleRequest(String step, KubeTarget target, String namespace, String deployment, int replicas,
    int hpaMinReplicas, Duration poll, Duration waitFor) {
  static final int MAX_REPLICAS = 10_000;

  static ScaleRequest of(Step step) {
    KubeTarget target = KubeTarget.from(step.params(), "step " + step.id(), "url", "tokenFile", "caFile",
        "eksCluster", "region");
    step.param("replicas"); // required: fails naming the step and the key
    int replicas = step.number("replicas", 1, MAX_REPLICAS);
    int hpaMin = step.number("hpaMinReplicas", replicas, MAX_REPLICAS);
    int poll = step.number("pollMillis", 2000, 60_000);
    int wait = step.number("waitSeconds", 600, 86_400);
    return new ScaleRequest(step.id(), target, step.param("namespace"), step.param("deployment"), replicas, hpaMin,
        Duration.ofMillis(poll), Duration.ofSeconds(wait));
  }

  /** {@code namespace/name} for messages. */
  String id() {
    return namespace + "/" + deployment;
  }
}
