package io.drwatch.adapter.opensearch;

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
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/** Channel kind {@code opensearch}: see {@link OpenSearchChannel}. */
public final class OpenSearchChannelKind extends AbstractChannelKindDescriptor<OpenSearchChannelKind.Target> {

  /** The follower index watched. */
  public record Target(String index, String heartbeatIndex, Optional<String> auth) {}


  public OpenSearchChannelKind() {
    super("opensearch", "OpenSearch cross-cluster replication: a heartbeat document on the leader read on the"
        + " follower, plus the follower index's replication status.",
        ParamSchema.of(
            ParamSpec.string("index").asRequired().doc("the follower index watched by `_status`"),
            ParamSpec.string("leaderIndex").doc("the leader index, when it is named otherwise"),
            ParamSpec.string("heartbeatIndex").defaultsTo(OpenSearchChannel.DEFAULT_HEARTBEAT_INDEX)
                .doc("the replicated index the heartbeat is written to"),
            ParamSpec.string("username").doc("the basic-auth user (default admin); the password is the endpoint's"),
            ParamSpec.oneOf("auth", "basic", "sigv4", "none").doc("default basic with a password, else none"),
            SharedSpecs.region("region", "the follower's region (sigv4)"),
            SharedSpecs.region("leaderRegion", "the leader's region (sigv4); default region"),
            ParamSpec.url("statusUrl").doc("where `_status` is read; default the follower's url")),
        new ChannelShape(ChannelShape.Need.REQUIRED, ChannelShape.Form.HTTP, Duration.ofSeconds(5),
            Duration.ofSeconds(5), 3), false, List.of("es:ESHttpGet", "es:ESHttpPut"));
  }

  @Override
  public Target parse(Params p) {
    if (p.optionalString("auth").filter("sigv4"::equals).isPresent() && !p.has("region")) {
      throw new ParamException("region", "required with auth sigv4");
    }
    return new Target(p.string("index"), p.string("heartbeatIndex"), p.optionalString("auth"));
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig c) {
    OpenSearchChannel os = OpenSearchChannel.create(context.vertx(), c, context.service(AwsCredentialsProvider.class));
    return context.managed(os.telemetry(), Optional.of(os.canary()));
  }
}
