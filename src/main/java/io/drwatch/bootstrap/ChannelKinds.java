package io.drwatch.bootstrap;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.cloudwatch.CloudWatchReaders;
import io.drwatch.app.probe.ManagedChannelProbe;
import io.drwatch.config.ChannelConfig;
import io.drwatch.domain.channel.ChannelKind;
import io.drwatch.port.ChannelProbe;
import io.drwatch.port.ProviderTelemetry;
import io.drwatch.spi.ChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.spi.KindRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A channel's probe from its kind's descriptor ({@link KindRegistry}). This class only supplies
 * what the descriptors may use: Vert.x, the shared AWS clients and CloudWatch readers, and the
 * managed-probe composition of the app layer.
 */
final class ChannelKinds {

  /**
   * What a probe factory may use: the loop's Vert.x, the daemon's shared AWS clients, and the
   * shared CloudWatch readers (one GetMetricData per region per interval for all channels).
   */
  record Deps(Vertx vertx, Supplier<AwsClients> aws, CloudWatchReaders cloudWatch) {}

  private ChannelKinds() {}

  /** Whether channels of this kind call AWS APIs: their clients are built and warmed up at startup. */
  static boolean needsAws(ChannelKind kind) {
    return descriptor(kind).needsAws();
  }

  static ChannelProbe probe(Deps deps, ChannelConfig channel) {
    return descriptor(channel.kind()).probe(context(deps), channel);
  }

  private static ChannelKindDescriptor<?> descriptor(ChannelKind kind) {
    return KindRegistry.installed().channelDescriptor(kind.configName()).orElseThrow(() ->
        new IllegalArgumentException("kind " + kind + " has no descriptor; installed: "
            + KindRegistry.installed().channelKinds()));
  }

  /** The context of {@link ChannelKindDescriptor#probe} and {@link io.drwatch.spi.ActionDescriptor#create}. */
  static KindContext context(Deps deps) {
    Map<Class<?>, Supplier<?>> services = Map.of(
        AwsClients.class, deps.aws(),
        CloudWatchReaders.class, deps::cloudWatch,
        AwsCredentialsProvider.class, () -> deps.aws().get().credentials());
    return new KindContext() {
      @Override
      public Vertx vertx() {
        return deps.vertx();
      }

      @Override
      @SuppressWarnings("unchecked")
      public <S> Supplier<S> service(Class<S> type) {
        Supplier<?> service = services.get(type);
        if (service == null) {
          throw new IllegalArgumentException("no shared service " + type.getName() + "; offered: " + services.keySet());
        }
        return (Supplier<S>) service;
      }

      @Override
      public ChannelProbe probe(String kind, ChannelConfig channel) {
        return KindRegistry.installed().channelDescriptor(kind).orElseThrow().probe(this, channel);
      }

      @Override
      public ChannelProbe managed(ProviderTelemetry telemetry, Optional<ChannelProbe> canary) {
        return new ManagedChannelProbe(telemetry, canary, Clock.systemUTC());
      }
    };
  }
}
