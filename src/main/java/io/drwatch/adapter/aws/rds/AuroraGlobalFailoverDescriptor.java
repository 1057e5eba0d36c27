package io.drwatch.adapter.aws.rds;

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
import software.amazon.awssdk.services.rds.RdsAsyncClient;
import java.util.Optional;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.schema.SharedSpecs.pollMillis;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code aurora-global-failover}: see {@link AuroraGlobalFailoverAction}. */
public final class AuroraGlobalFailoverDescriptor
    extends AwsActionDescriptor<AuroraGlobalFailoverDescriptor.Target> {

  /** The global cluster and the secondary that becomes its writer. */
  public record Target(String globalCluster, String targetCluster, String region, boolean allowDataLoss,
      Duration poll, Duration waitFor) {}

  public AuroraGlobalFailoverDescriptor() {
    super("aurora-global-failover", "Fails an Aurora global database over to a secondary cluster"
        + " (`FailoverGlobalCluster`; in a drill `SwitchoverGlobalCluster`) and polls until it is the writer.",
        ParamSchema.of(
            ParamSpec.string("globalCluster").asRequired().matching("[A-Za-z][A-Za-z0-9-]{0,254}",
                "a global cluster identifier").doc("the global cluster's identifier"),
            ParamSpec.string("targetCluster").asRequired().matching("arn:aws[a-z-]*:rds:[a-z0-9-]+:\\d{12}:cluster:.+",
                "a DB cluster ARN").doc("**ARN** of the secondary DB cluster to promote"),
            region("where the calls go: the surviving (secondary) region"),
            SharedSpecs.region("switchoverRegion", "where a drill's switchover is called; default: the current"
                + " writer's region"),
            ENDPOINT_OVERRIDE,
            ParamSpec.bool("allowDataLoss").defaultsTo("true").doc("false makes it a switchover that waits for sync"),
            pollMillis(RdsParams.DEFAULT_POLL_MILLIS),
            waitSecondsParam(RdsParams.DEFAULT_WAIT_SECONDS, 86_400)),
        RdsParams.DEFAULT_WAIT_SECONDS, Speed.LONG,
        List.of("rds:DescribeGlobalClusters", "rds:FailoverGlobalCluster", "rds:SwitchoverGlobalCluster"),
        built(AuroraGlobalFailoverAction::new, RdsAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("globalCluster"), p.string("targetCluster"), p.string("region"),
        p.bool("allowDataLoss"), p.millis("pollMillis"), p.seconds("waitSeconds"));
  }
}
