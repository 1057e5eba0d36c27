package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.AwsManagedChannelKind;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.util.List;
import static io.drwatch.adapter.aws.AwsParamSpecs.ASSUME_ROLE;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;

/** Channel kind {@code rds}: see {@link RdsReplicaChannel}. */
public final class RdsChannelKind extends AwsManagedChannelKind<RdsChannelKind.Target> {

  /** The replica watched. */
  public record Target(String region, String instance) {}

  public RdsChannelKind() {
    super("rds", "RDS cross-region read replica: `ReplicaLag`, `StatusInfos` and the instance's status; optional"
        + " postgres canary.",
        ParamSchema.of(
            region("the replica's region"),
            ParamSpec.string("instance").asRequired().matching("[A-Za-z][A-Za-z0-9-]{0,62}", RdsPromoteDescriptor.INSTANCE_RULE)
                .doc("the replica's DB instance identifier"),
            ENDPOINT_OVERRIDE, ASSUME_ROLE),
        ChannelShape.Form.POSTGRES, List.of("rds:DescribeDBInstances", "cloudwatch:GetMetricData"),
        RdsReplicaChannel::telemetry);
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("region"), p.string("instance"));
  }
}
