package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsManagedChannelKind;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.util.List;
import static io.drwatch.adapter.aws.AwsParamSpecs.ASSUME_ROLE;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;

/** Channel kind {@code elasticache-global}: see {@link ElastiCacheGlobalChannel}. */
public final class ElastiCacheGlobalChannelKind
    extends AwsManagedChannelKind<ElastiCacheGlobalChannelKind.Target> {

  /** The Global Datastore watched. */
  public record Target(String region, String globalReplicationGroup, List<String> secondaryNodes) {}

  public ElastiCacheGlobalChannelKind() {
    super("elasticache-global", "ElastiCache Global Datastore: members and roles, lag from"
        + " `GlobalDatastoreReplicationLag`; optional redis canary.",
        ParamSchema.of(
            region("where DescribeGlobalReplicationGroups is called"),
            ParamSpec.string("globalReplicationGroup").asRequired().doc("the Global Datastore's id"),
            ENDPOINT_OVERRIDE, ASSUME_ROLE,
            ParamSpec.list("secondaryNode").doc("nodes to read the lag metric of, instead of a group's member"
                + " clusters from DescribeReplicationGroups")),
        ChannelShape.Form.REDIS, List.of("elasticache:DescribeGlobalReplicationGroups",
            "elasticache:DescribeReplicationGroups", "cloudwatch:GetMetricData"), ElastiCacheGlobalChannel::telemetry);
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("region"), p.string("globalReplicationGroup"),
        p.has("secondaryNode") ? p.list("secondaryNode") : List.of());
  }
}
