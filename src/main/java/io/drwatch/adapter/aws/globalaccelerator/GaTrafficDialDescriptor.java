package io.drwatch.adapter.aws.globalaccelerator;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorAsyncClient;
import java.util.Optional;
import io.drwatch.adapter.aws.AwsParamSpecs;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code ga-traffic-dial}: see {@link GaTrafficDialAction}. */
public final class GaTrafficDialDescriptor extends AwsActionDescriptor<GaTrafficDialDescriptor.Target> {

  /** The endpoint group and its dial. */
  public record Target(String endpointGroup, int dial, String region, Duration waitFor) {}

  public GaTrafficDialDescriptor() {
    super("ga-traffic-dial", "Sets a Global Accelerator endpoint group's traffic dial (`UpdateEndpointGroup`) and"
        + " polls until the dial matches and the accelerator is `DEPLOYED`.",
        ParamSchema.of(
            ParamSpec.string("endpointGroup").asRequired().matching("arn:[a-z-]+:globalaccelerator::\\d{12}:.+",
                "a Global Accelerator endpoint group ARN").doc("the endpoint group's ARN"),
            ParamSpec.integer("dial").asRequired().range(0, 100).doc("the percentage of traffic the group takes"),
            SharedSpecs.region("region", "API region: Global Accelerator's only control plane")
                .defaultsTo(GaTrafficDialAction.CONTROL_PLANE_REGION),
            ENDPOINT_OVERRIDE,
            waitSecondsParam(GaTrafficDialAction.DEFAULT_WAIT_SECONDS, 3600)),
        GaTrafficDialAction.DEFAULT_WAIT_SECONDS, Speed.QUICK,
        List.of("globalaccelerator:DescribeEndpointGroup", "globalaccelerator:UpdateEndpointGroup",
            "globalaccelerator:DescribeAccelerator"), built((vertx, build) -> new GaTrafficDialAction(vertx, build, GaTrafficDialAction.POLL_EVERY), GlobalAcceleratorAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("endpointGroup"), p.integer("dial"), p.string("region"),
        p.seconds("waitSeconds"));
  }
}
