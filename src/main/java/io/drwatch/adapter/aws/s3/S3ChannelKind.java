package io.drwatch.adapter.aws.s3;

import io.drwatch.adapter.aws.AwsParamSpecs;
import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import static io.drwatch.adapter.aws.AwsParamSpecs.ASSUME_ROLE;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;

/** Channel kind {@code s3}: see {@link S3CanaryProbe} and {@link S3ReplicationMetrics}. */
public final class S3ChannelKind extends AbstractChannelKindDescriptor<S3ChannelKind.Target> {

  /** The buckets watched. */
  public record Target(String region, String sourceBucket, String destinationBucket, Optional<String> replicationRule) {}

  private static final String BUCKET = "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]";
  private static final String BUCKET_RULE = "an S3 bucket name";

  public S3ChannelKind() {
    super("s3", "S3 Cross-Region Replication: a canary object written to the source bucket and read from the"
        + " destination; with `replicationRule`, S3's replication metrics too.",
        ParamSchema.of(
            region("the source bucket's region"),
            ParamSpec.string("sourceBucket").asRequired().matching(BUCKET, BUCKET_RULE).doc("the source bucket"),
            ParamSpec.string("destinationBucket").asRequired().matching(BUCKET, BUCKET_RULE)
                .doc("the destination bucket"),
            ENDPOINT_OVERRIDE, ASSUME_ROLE,
            SharedSpecs.region("destinationRegion", "the destination bucket's region; default region"),
            ParamSpec.string("key").doc("the canary object's key; default drwatch/canary/<channel>"),
            ParamSpec.string("replicationRule").doc("the replication rule's id: adds its CloudWatch metrics")),
        ChannelShape.aws(ChannelShape.Need.NONE, ChannelShape.Form.HTTP, Duration.ofSeconds(10), 6), true,
        List.of("s3:PutObject", "s3:GetObject", "s3:GetReplicationConfiguration", "cloudwatch:GetMetricData"));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("region"), p.string("sourceBucket"), p.string("destinationBucket"),
        p.optionalString("replicationRule"));
  }

  // The canary is the RPO; with a replicationRule, S3's own replication metrics ride along.
  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig c) {
    ChannelProbe canary = S3CanaryProbe.create(context.vertx(), context.service(AwsClients.class).get(), c);
    return S3ReplicationMetrics.forChannel(context.service(CloudWatchReaders.class).get(), c)
        .<ChannelProbe>map(metrics -> context.managed(metrics, Optional.of(canary))).orElse(canary);
  }
}
