package io.drwatch.adapter.aws.elasticache;

import io.drwatch.adapter.aws.AwsParamSpecs;
import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.port.FailoverAction;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;
import java.util.Optional;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.schema.SharedSpecs.pollMillis;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code elasticache-global-failover}: see {@link ElastiCacheGlobalFailoverAction}. */
public final class ElastiCacheGlobalFailoverDescriptor
    extends AwsActionDescriptor<ElastiCacheGlobalFailoverDescriptor.Target> {

  /** The datastore and the member that becomes primary. */
  public record Target(String globalReplicationGroup, String primaryRegion, String primaryReplicationGroup,
      String region, Duration poll, Duration waitFor) {}

  static final int WAIT_SECONDS = 900;

  public ElastiCacheGlobalFailoverDescriptor() {
    super("elasticache-global-failover", "Makes a member of an ElastiCache Global Datastore its primary"
        + " (`FailoverGlobalReplicationGroup`) and polls until it is `PRIMARY` and the datastore `available`.",
        ParamSchema.of(
            ParamSpec.string("globalReplicationGroup").asRequired().doc("the Global Datastore's id"),
            SharedSpecs.region("primaryRegion", "region of the member that is to **become** primary").asRequired(),
            ParamSpec.string("primaryReplicationGroup").asRequired().doc("the member that is to **become** primary"),
            region("where the calls go: the new primary's region"),
            ENDPOINT_OVERRIDE,
            pollMillis(2000),
            waitSecondsParam(WAIT_SECONDS, 7200)),
        WAIT_SECONDS, Speed.LONG,
        List.of("elasticache:DescribeGlobalReplicationGroups", "elasticache:FailoverGlobalReplicationGroup"),
        built(ElastiCacheGlobalFailoverAction::new, ElastiCacheAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("globalReplicationGroup"), p.string("primaryRegion"),
        p.string("primaryReplicationGroup"), p.string("region"), p.millis("pollMillis"),
        p.seconds("waitSeconds"));
  }
}
