package io.drwatch.adapter.kubernetes;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Channel kind {@code kubernetes}: see {@link KubernetesStandby}. */
public final class KubernetesChannelKind extends AbstractChannelKindDescriptor<KubernetesChannelKind.Target> {

  /** The two clusters and the deployments compared. */
  public record Target(URI primaryUrl, URI standbyUrl, List<String> deployments, Duration warmUp) {}


  public KubernetesChannelKind() {
    super("kubernetes", "Standby Kubernetes deployments: parity with the primary cluster (images, ConfigMaps, HPA)"
        + " and readiness to scale up.",
        ParamSchema.of(
            ParamSpec.url("primaryUrl").asRequired().doc("the primary cluster's API server"),
            ParamSpec.url("standbyUrl").asRequired().doc("the standby cluster's API server"),
            ParamSpec.list("deployments").asRequired().matching("[^/\\s]+/[^/\\s]+", "namespace/name items")
                .doc("the deployments compared, comma-separated namespace/name"),
            ParamSpec.string("primaryTokenFile").doc("bearer token file for the primary"),
            ParamSpec.string("standbyTokenFile").doc("bearer token file for the standby"),
            ParamSpec.string("primaryCaFile").doc("the primary API server's CA (PEM)"),
            ParamSpec.string("standbyCaFile").doc("the standby API server's CA (PEM)"),
            ParamSpec.string("eksCluster").doc("the standby's EKS cluster (token from the default AWS credentials)"),
            ParamSpec.string("primaryEksCluster").doc("the primary's EKS cluster"),
            SharedSpecs.region("region", "the standby EKS cluster's region"),
            SharedSpecs.region("primaryRegion", "the primary EKS cluster's region"),
            ParamSpec.bool("insecureSkipTlsVerify").defaultsTo("false").doc("skips TLS verification (tests only)"),
            ParamSpec.duration("warmUp").range(0, Duration.ofHours(24).toMillis()).defaultsTo("60s")
                .doc("time to scale from 0 and become ready, added to the projected RTO")),
        new ChannelShape(ChannelShape.Need.NONE, ChannelShape.Form.HTTP, Duration.ofSeconds(30),
            Duration.ofSeconds(10), 3), false, List.of());
  }

  @Override
  public Target parse(Params p) {
    pair(p, "standbyTokenFile", "eksCluster", "region");
    pair(p, "primaryTokenFile", "primaryEksCluster", "primaryRegion");
    return new Target(p.url("primaryUrl"), p.url("standbyUrl"), p.list("deployments"), p.duration("warmUp"));
  }

  private static void pair(Params p, String token, String cluster, String region) {
    if (p.has(token) && p.has(cluster)) {
      throw new ParamException(cluster, "give either " + token + " or " + cluster + ", not both");
    }
    if (p.has(cluster) && !p.has(region)) {
      throw new ParamException(region, "required with " + cluster);
    }
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig c) {
    return context.managed(KubernetesStandby.create(context.vertx(), c), Optional.empty());
  }
}
