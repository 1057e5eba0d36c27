package io.drwatch.adapter.aws.arc;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterAsyncClient;
import java.util.Optional;
import io.drwatch.adapter.aws.AwsParamSpecs;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code arc-routing-control}: see {@link ArcRoutingControlAction}. */
public final class ArcRoutingControlDescriptor extends AwsActionDescriptor<ArcRoutingControlDescriptor.Target> {

  /** The routing control, its state and the cluster endpoints the calls rotate over. */
  public record Target(String routingControl, String state, List<String> clusterEndpoints,
      List<String> clusterRegions, Duration waitFor) {}

  public ArcRoutingControlDescriptor() {
    super("arc-routing-control", "Sets a Route 53 ARC routing control (`UpdateRoutingControlState`) through the"
        + " cluster's endpoints in turn, and polls until `GetRoutingControlState` equals it.",
        ParamSchema.of(
            ParamSpec.string("routingControl").asRequired().matching("arn:[a-z-]+:route53-recovery-control::.+",
                "a routing control ARN").doc("the routing control's ARN"),
            ParamSpec.oneOf("state", "On", "Off").asRequired().doc("the state to set"),
            ParamSpec.list("clusterEndpoints").asRequired().matching("https?://[^\\s/]+(/\\S*)?", "http(s) urls")
                .doc("the cluster's endpoints (DescribeCluster), comma-separated"),
            ParamSpec.list("clusterRegions").asRequired().matching(SharedSpecs.REGION_PATTERN, "AWS regions")
                .doc("each endpoint's region, same order"),
            waitSecondsParam(ArcRoutingControlAction.DEFAULT_WAIT_SECONDS, 3600)),
        ArcRoutingControlAction.DEFAULT_WAIT_SECONDS, Speed.QUICK,
        List.of("route53-recovery-cluster:GetRoutingControlState",
            "route53-recovery-cluster:UpdateRoutingControlState"), built((vertx, build) -> new ArcRoutingControlAction(vertx, build, ArcRoutingControlAction.POLL_EVERY), Route53RecoveryClusterAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    List<String> urls = p.list("clusterEndpoints");
    List<String> regions = p.list("clusterRegions");
    if (urls.size() != regions.size()) {
      throw new ParamException("clusterRegions", "must have as many entries as clusterEndpoints (they pair up in"
          + " order)", regions.size() + " for " + urls.size());
    }
    return new Target(p.string("routingControl"), p.string("state"), urls, regions,
        p.seconds("waitSeconds"));
  }
}
