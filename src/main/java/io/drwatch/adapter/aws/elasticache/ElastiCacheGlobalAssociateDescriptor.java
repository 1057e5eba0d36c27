package io.drwatch.adapter.aws.elasticache;

import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;
import static io.drwatch.schema.SharedSpecs.pollMillis;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticache.ElastiCacheAsyncClient;

/** {@code elasticache-global-associate}: see {@link ElastiCacheGlobalAssociateAction}. */
public final class ElastiCacheGlobalAssociateDescriptor
    extends AwsActionDescriptor<ElastiCacheGlobalAssociateDescriptor.Target> {
  static final int WAIT_SECONDS = 3600;

  /** The datastore, the secondary to create in {@code endpoint}'s region, and what the service is told. */
  public record Target(String globalReplicationGroup, String replicationGroup, AwsEndpoint endpoint,
      String description, Optional<String> subnetGroup, List<String> securityGroups,
      Optional<Integer> numCacheClusters, Duration poll, Duration waitFor) {
    String label(String step) {
      return "step " + step + ": elasticache-global-associate " + replicationGroup + " (" + endpoint.region() + ")";
    }
  }

  public ElastiCacheGlobalAssociateDescriptor() {
    super("elasticache-global-associate", "Adds a secondary in `region` to an ElastiCache Global Datastore"
        + " (`CreateReplicationGroup` with `GlobalReplicationGroupId`) and polls until it is an `associated` member"
        + " and the datastore `available`.",
        ParamSchema.of(
            ParamSpec.string("globalReplicationGroup").asRequired().doc("the Global Datastore's id"),
            ParamSpec.string("replicationGroup").asRequired().matching("[A-Za-z][A-Za-z0-9-]{0,39}",
                "a replication group id (a letter, then letters, digits, hyphens; at most 40)")
                .doc("the new secondary's replication group id (a disassociated old one cannot rejoin: use a new id)"),
            region("the new secondary's region; the calls go there"),
            ENDPOINT_OVERRIDE,
            ParamSpec.string("description").defaultsTo("drwatch re-protection").doc("the replication group's description"),
            ParamSpec.string("subnetGroup").doc("cache subnet group in that region"),
            ParamSpec.list("securityGroups").doc("VPC security group ids in that region"),
            ParamSpec.integer("numCacheClusters").range(1, 6).doc("nodes of the secondary; default: as the primary"),
            pollMillis(10_000),
            waitSecondsParam(WAIT_SECONDS, 86_400)),
        WAIT_SECONDS, Speed.LONG,
        List.of("elasticache:CreateReplicationGroup", "elasticache:DescribeGlobalReplicationGroups"),
        built(ElastiCacheGlobalAssociateAction::new, ElastiCacheAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("globalReplicationGroup"), p.string("replicationGroup"),
        new AwsEndpoint(p.string("region"), p.optionalUrl("endpointOverride")), p.string("description"),
        p.optionalString("subnetGroup"), p.has("securityGroups") ? p.list("securityGroups") : List.of(),
        p.optionalInteger("numCacheClusters"), p.millis("pollMillis"), p.seconds("waitSeconds"));
  }
}
