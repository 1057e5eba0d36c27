package io.drwatch.adapter.kubernetes;

import io.drwatch.port.FailoverAction;
import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code k8s-scale}: see {@link K8sScaleAction}. */
public final class K8sScaleDescriptor extends AbstractActionDescriptor<K8sScaleDescriptor.Target> {

  /** The deployment, where its API server is, and the replicas it must reach. */
  public record Target(KubeTarget cluster, String namespace, String deployment, int replicas, int hpaMinReplicas,
      Duration poll, Duration waitFor) {
    /** {@code namespace/name} for messages. */
    String id() {
      return namespace + "/" + deployment;
    }
  }

  static final int WAIT_SECONDS = 600;
  static final int MAX_REPLICAS = 10_000;

  public K8sScaleDescriptor() {
    super("k8s-scale", "Scales a Kubernetes deployment (its HPA's `minReplicas` first) and polls until"
        + " `readyReplicas` reaches `replicas`.",
        ParamSchema.of(
            ParamSpec.url("url").asRequired().doc("the API server"),
            ParamSpec.string("tokenFile").doc("a file holding the bearer token (re-read on each call)"),
            ParamSpec.string("eksCluster").doc("an EKS cluster to sign a token for, from the default AWS credentials"),
            SharedSpecs.region("region", "the EKS cluster's region"),
            ParamSpec.string("caFile").doc("the API server's CA certificate (PEM)"),
            ParamSpec.bool("insecureSkipTlsVerify").defaultsTo("false").doc("skips TLS verification (tests only)"),
            ParamSpec.string("namespace").asRequired().doc("the deployment's namespace"),
            ParamSpec.string("deployment").asRequired().doc("the deployment's name"),
            ParamSpec.integer("replicas").asRequired().range(1, MAX_REPLICAS).doc("replicas to reach"),
            ParamSpec.integer("hpaMinReplicas").range(1, MAX_REPLICAS)
                .doc("the HPA's minReplicas; default replicas"),
            SharedSpecs.pollMillis(2000),
            SharedSpecs.waitSeconds(WAIT_SECONDS, 86_400, "how long the read-back waits for readyReplicas")),
        WAIT_SECONDS, Speed.LONG, false, List.of());
  }

  @Override
  public Target parse(Params p) {
    if (p.has("tokenFile") && p.has("eksCluster")) {
      throw new ParamException("eksCluster", "give either tokenFile or eksCluster, not both");
    }
    if (p.has("eksCluster") && !p.has("region")) {
      throw new ParamException("region", "required with eksCluster");
    }
    int replicas = p.integer("replicas");
    Optional<KubeTarget.Eks> eks = text(p, "eksCluster").map(c -> new KubeTarget.Eks(c, text(p, "region").get()));
    KubeTarget cluster = new KubeTarget(p.url("url"), text(p, "tokenFile"), text(p, "caFile"),
        p.bool("insecureSkipTlsVerify"), eks);
    return new Target(cluster, p.string("namespace"), p.string("deployment"), replicas,
        p.optionalInteger("hpaMinReplicas").orElse(replicas), p.millis("pollMillis"),
        p.seconds("waitSeconds"));
  }

  // Blank counts as absent, as it did when the action read its own params.
  private static Optional<String> text(Params p, String name) {
    return p.optionalString(name).map(String::strip).filter(s -> !s.isEmpty());
  }

  @Override
  public FailoverAction create(KindContext context) {
    return K8sScaleAction.create(context.vertx());
  }
}
