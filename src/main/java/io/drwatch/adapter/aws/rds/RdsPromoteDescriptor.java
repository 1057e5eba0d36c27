package io.drwatch.adapter.aws.rds;

import io.drwatch.adapter.aws.AwsActionDescriptor;
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

/** {@code rds-promote}: see {@link RdsPromoteAction}. */
public final class RdsPromoteDescriptor extends AwsActionDescriptor<RdsPromoteDescriptor.Target> {

  /** The replica to promote. */
  public record Target(String instance, String region, Optional<Integer> backupRetentionPeriod, Duration poll,
      Duration waitFor) {}

  static final String INSTANCE_RULE = "an RDS DB instance identifier (a letter, then letters, digits, hyphens)";

  public RdsPromoteDescriptor() {
    super("rds-promote", "Promotes an RDS read replica (`PromoteReadReplica`) and polls `DescribeDBInstances`"
        + " until it is `available` and no longer a replica.",
        ParamSchema.of(
            ParamSpec.string("instance").asRequired().matching("[A-Za-z][A-Za-z0-9-]{0,62}", INSTANCE_RULE)
                .doc("the read replica's DB instance identifier"),
            region("the replica's region"),
            ENDPOINT_OVERRIDE,
            ParamSpec.integer("backupRetentionPeriod").range(0, 35).doc("days of backups after promotion (RDS default 1)"),
            pollMillis(RdsParams.DEFAULT_POLL_MILLIS),
            waitSecondsParam(RdsParams.DEFAULT_WAIT_SECONDS, 86_400)),
        RdsParams.DEFAULT_WAIT_SECONDS, Speed.LONG, List.of("rds:DescribeDBInstances", "rds:PromoteReadReplica"),
        built(RdsPromoteAction::new, RdsAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("instance"), p.string("region"), p.optionalInteger("backupRetentionPeriod"),
        p.millis("pollMillis"), p.seconds("waitSeconds"));
  }
}
