package io.drwatch.adapter.aws.elasticache;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.time.Duration;
import java.util.List;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import static io.drwatch.adapter.aws.AwsParamSpecs.ASSUME_ROLE;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;

/** Channel kind {@code elasticache-global}: see {@link ElastiCacheGlobalChannel}. */
public final class ElastiCacheGlobalChannelKind
    extends AbstractChannelKindDescriptor<ElastiCacheGlobalChannelKind.Target> {

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
        ChannelShape.aws(ChannelShape.Need.OPTIONAL, ChannelShape.Form.REDIS, Duration.ofMinutes(1), 3), true,
        List.of("elasticache:DescribeGlobalReplicationGroups", "elasticache:DescribeReplicationGroups",
            "cloudwatch:GetMetricData"));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("region"), p.string("globalReplicationGroup"),
        p.has("secondaryNode") ? p.list("secondaryNode") : List.of());
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig c) {
    ElastiCacheGlobalTelemetry telemetry = ElastiCacheGlobalChannel.telemetry(context.vertx(),
        context.service(AwsClients.class).get(), context.service(CloudWatchReaders.class).get(), c);
    return context.managed(telemetry, "redis", c);
  }
}
