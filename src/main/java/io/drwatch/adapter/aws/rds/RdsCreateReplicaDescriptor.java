package io.drwatch.adapter.aws.rds;

import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;
import static io.drwatch.schema.SharedSpecs.pollMillis;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.rds.RdsAsyncClient;

/** {@code rds-create-replica}: see {@link RdsCreateReplicaAction}. */
public final class RdsCreateReplicaDescriptor extends AwsActionDescriptor<RdsCreateReplicaDescriptor.Target> {
  static final int WAIT_SECONDS = 3600;
  static final Pattern SOURCE_ARN = Pattern.compile("arn:aws[a-z-]*:rds:([a-z]{2}(?:-[a-z]+)+-\\d{1,2}):\\d{12}:db:"
      + "([A-Za-z][A-Za-z0-9-]{0,62})");

  /** The replica to create, its source, and what RDS is told about it; absent options take RDS' defaults. */
  public record Target(String instance, String source, Optional<String> sourceRegion, AwsEndpoint endpoint,
      Optional<String> instanceClass, Optional<String> subnetGroup, List<String> securityGroups,
      Optional<String> kmsKeyId, Optional<Boolean> multiAz, Duration poll, Duration waitFor) {
    String label(String step) {
      return "step " + step + ": rds-create-replica " + instance;
    }
  }

  public RdsCreateReplicaDescriptor() {
    super("rds-create-replica", "Creates an RDS read replica, cross-region by the source's ARN"
        + " (`CreateDBInstanceReadReplica`), and polls `DescribeDBInstances` until it is `available`; an existing"
        + " replica of that source is taken as created.",
        ParamSchema.of(
            ParamSpec.string("instance").asRequired().matching("[A-Za-z][A-Za-z0-9-]{0,62}",
                RdsPromoteDescriptor.INSTANCE_RULE).doc("the replica's DB instance identifier, to create"),
            ParamSpec.string("source").asRequired().matching(SOURCE_ARN.pattern() + "|[A-Za-z][A-Za-z0-9-]{0,62}",
                "a DB instance ARN (another region) or identifier (same region)").doc("the source DB instance:"
                + " its **ARN** when it is in another region"),
            region("the replica's region; the calls go there"),
            SharedSpecs.region("sourceRegion", "the source's region, for the signed cross-region request; default:"
                + " the region in the source ARN"),
            ENDPOINT_OVERRIDE,
            ParamSpec.string("instanceClass").matching("db\\.[a-z0-9.]+", "a DB instance class like db.r6g.large")
                .doc("default: the source's class"),
            ParamSpec.string("subnetGroup").doc("DB subnet group in the replica's region (needed cross-region in a VPC)"),
            ParamSpec.list("securityGroups").doc("VPC security group ids in the replica's region"),
            ParamSpec.string("kmsKeyId").doc("KMS key in the replica's region, for an encrypted source cross-region"),
            ParamSpec.bool("multiAz").doc("a Multi-AZ replica; RDS default false"),
            pollMillis(10_000),
            waitSecondsParam(WAIT_SECONDS, 86_400)),
        WAIT_SECONDS, Speed.LONG, List.of("rds:CreateDBInstanceReadReplica", "rds:DescribeDBInstances"),
        built(RdsCreateReplicaAction::new, RdsAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    String source = p.string("source");
    Matcher arn = SOURCE_ARN.matcher(source);
    Optional<String> sourceRegion = p.optionalString("sourceRegion")
        .or(() -> arn.matches() ? Optional.of(arn.group(1)) : Optional.empty());
    String region = p.string("region");
    if (!arn.matches() && sourceRegion.filter(r -> !r.equals(region)).isPresent()) {
      throw new ParamException("source", "must be the source's ARN when sourceRegion is another region than region");
    }
    return new Target(p.string("instance"), source, sourceRegion.filter(r -> !r.equals(region)),
        new AwsEndpoint(region, p.optionalUrl("endpointOverride")), p.optionalString("instanceClass"),
        p.optionalString("subnetGroup"), p.has("securityGroups") ? p.list("securityGroups") : List.of(),
        p.optionalString("kmsKeyId"), p.optionalBool("multiAz"), p.millis("pollMillis"), p.seconds("waitSeconds"));
  }

  /** Whether two ways of naming a source name the same instance: ARNs compare whole, else by instance id (case aside). */
  static boolean sameSource(String a, String b) {
    Matcher x = SOURCE_ARN.matcher(a);
    Matcher y = SOURCE_ARN.matcher(b);
    if (x.matches() && y.matches()) {
      return a.equalsIgnoreCase(b);
    }
    return (x.matches() ? x.group(2) : a).equalsIgnoreCase(y.matches() ? y.group(2) : b);
  }
}
