package io.drwatch.adapter.aws.efs;

import io.drwatch.adapter.aws.AwsActionDescriptor;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import io.drwatch.schema.SharedSpecs;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.efs.EfsAsyncClient;
import java.util.Optional;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.schema.SharedSpecs.pollMillis;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;
import static io.drwatch.adapter.aws.AwsParamSpecs.waitSecondsParam;

/** {@code efs-stop-replication}: see {@link EfsStopReplicationAction}. */
public final class EfsStopReplicationDescriptor extends AwsActionDescriptor<EfsStopReplicationDescriptor.Target> {

  /** The file system whose replication configuration is deleted, and how. */
  public record Target(String fileSystem, String region, String deletionMode, Duration poll, Duration waitFor) {}

  static final int WAIT_SECONDS = 1800;

  public EfsStopReplicationDescriptor() {
    super(EfsStopReplicationAction.NAME, "Deletes an EFS replication configuration"
        + " (`DeleteReplicationConfiguration`), which makes the destination writable, and polls until it is gone.",
        ParamSchema.of(
            ParamSpec.string("fileSystem").asRequired().doc("the file system (source's, or destination's with"
                + " LOCAL_CONFIGURATION_ONLY)"),
            region("the file system's region"),
            ENDPOINT_OVERRIDE,
            ParamSpec.oneOf("deletionMode", "ALL_CONFIGURATIONS", "LOCAL_CONFIGURATION_ONLY")
                .defaultsTo("ALL_CONFIGURATIONS").doc("LOCAL_CONFIGURATION_ONLY for a source-region outage"),
            pollMillis(5000),
            waitSecondsParam(WAIT_SECONDS, 7200)),
        WAIT_SECONDS, Speed.LONG,
        List.of("elasticfilesystem:DescribeReplicationConfigurations",
            "elasticfilesystem:DeleteReplicationConfiguration"), built(EfsStopReplicationAction::new, EfsAsyncClient::builder));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("fileSystem"), p.string("region"), p.string("deletionMode"),
        p.millis("pollMillis"), p.seconds("waitSeconds"));
  }
}
