package io.drwatch.adapter.aws.aurora;

import io.drwatch.adapter.aws.AwsManagedChannelKind;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.util.List;
import static io.drwatch.adapter.aws.AwsParamSpecs.ASSUME_ROLE;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;

/** Channel kind {@code aurora-global}: see {@link AuroraGlobalChannel}. */
public final class AuroraGlobalChannelKind extends AwsManagedChannelKind<AuroraGlobalChannelKind.Target> {

  /** The global database watched. */
  public record Target(String region, String globalCluster) {}

  public AuroraGlobalChannelKind() {
    super("aurora-global", "Aurora Global Database: members and roles from `DescribeGlobalClusters`, lag from"
        + " `AuroraGlobalDBRPOLag` (or `AuroraGlobalDBReplicationLag`, as `ListMetrics` finds it); optional postgres canary.",
        ParamSchema.of(
            region("where DescribeGlobalClusters is called"),
            ParamSpec.string("globalCluster").asRequired().matching("[A-Za-z][A-Za-z0-9-]{0,254}",
                "a global cluster identifier").doc("the global cluster's identifier"),
            ENDPOINT_OVERRIDE, ASSUME_ROLE),
        ChannelShape.Form.POSTGRES, List.of("rds:DescribeGlobalClusters", "cloudwatch:GetMetricData",
            "cloudwatch:ListMetrics"), AuroraGlobalChannel::telemetry);
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("region"), p.string("globalCluster"));
  }
}
