package io.drwatch.adapter.aws.efs;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import static io.drwatch.adapter.aws.AwsParamSpecs.ASSUME_ROLE;
import static io.drwatch.adapter.aws.AwsParamSpecs.ENDPOINT_OVERRIDE;
import static io.drwatch.adapter.aws.AwsParamSpecs.region;

/** Channel kind {@code efs}: see {@link EfsReplicationTelemetry}. */
public final class EfsChannelKind extends AbstractChannelKindDescriptor<EfsChannelKind.Target> {

  /** The source file system watched. */
  public record Target(String region, String fileSystem) {}

  public EfsChannelKind() {
    // EFS replicates on its own schedule (RPO target 15 min): its position legitimately stays put for minutes.
    super("efs", "Amazon EFS replication: the destination's `LastReplicatedTimestamp`.",
        ParamSchema.of(
            region("the source file system's region"),
            ParamSpec.string("fileSystem").asRequired().doc("the **source** file system's id"),
            ENDPOINT_OVERRIDE, ASSUME_ROLE),
        ChannelShape.aws(ChannelShape.Need.NONE, ChannelShape.Form.HTTP, Duration.ofMinutes(1), 20), true,
        List.of("elasticfilesystem:DescribeReplicationConfigurations"));
  }

  @Override
  public Target parse(Params p) {
    return new Target(p.string("region"), p.string("fileSystem"));
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig c) {
    return context.managed(EfsReplicationTelemetry.create(context.vertx(), context.service(AwsClients.class).get(), c),
        Optional.empty());
  }
}
