package io.drwatch.spi;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.port.ProviderTelemetry;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a descriptor's factory may use, supplied by bootstrap: the Vert.x instance, shared services
 * looked up by type (the daemon's AWS clients, its CloudWatch readers, AWS credentials), and the
 * compositions that belong to neither adapter (a managed channel's telemetry with its canary).
 */
public interface KindContext {

  Vertx vertx();

  /**
   * A shared service by type, built on first {@code get()} (on a worker thread: building AWS clients
   * starts threads and may resolve credentials).
   *
   * @throws IllegalArgumentException when bootstrap offers no such service
   */
  <S> Supplier<S> service(Class<S> type);

  /** Another kind's probe for the same channel: the postgres or redis canary of a managed kind. */
  ChannelProbe probe(String kind, ChannelConfig channel);

  /** A managed channel: the provider's telemetry, cross-checked by the canary when there is one. */
  ChannelProbe managed(ProviderTelemetry telemetry, Optional<ChannelProbe> canary);

  /** A managed channel whose optional canary is a {@code canaryKind} probe, when the channel names one. */
  default ChannelProbe managed(ProviderTelemetry telemetry, String canaryKind, ChannelConfig channel) {
    return managed(telemetry, channel.hasCanary() ? Optional.of(probe(canaryKind, channel)) : Optional.empty());
  }
}
