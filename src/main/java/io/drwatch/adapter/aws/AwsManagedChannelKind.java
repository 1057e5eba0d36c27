package io.drwatch.adapter.aws;

import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.port.ProviderTelemetry;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A channel kind whose figure is the provider's (RDS, Aurora global, ElastiCache global): polled
 * every minute, as CloudWatch publishes, with an optional heartbeat canary of the engine it runs
 * as the cross-check. A kind gives its params, its parse and how to build its telemetry.
 */
public abstract class AwsManagedChannelKind<T> extends AbstractChannelKindDescriptor<T> {
  /** Builds a channel's telemetry on the starting thread. */
  @FunctionalInterface
  public interface Telemetry {
    ProviderTelemetry build(Vertx vertx, AwsClients aws, CloudWatchReaders readers, ChannelConfig channel);
  }

  private final ChannelShape.Form canary;
  private final Telemetry telemetry;

  protected AwsManagedChannelKind(String name, String summary, ParamSchema params, ChannelShape.Form canary,
      List<String> iamActions, Telemetry telemetry) {
    super(name, summary, params, ChannelShape.aws(ChannelShape.Need.OPTIONAL, canary, Duration.ofMinutes(1), 3), true,
        iamActions);
    this.canary = canary;
    this.telemetry = telemetry;
  }

  @Override
  public final ChannelProbe probe(KindContext context, ChannelConfig c) {
    ProviderTelemetry t = telemetry.build(context.vertx(), context.service(AwsClients.class).get(),
        context.service(CloudWatchReaders.class).get(), c);
    return context.managed(t, canary.name().toLowerCase(Locale.ROOT), c);
  }
}
