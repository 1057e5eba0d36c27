package io.drwatch.spi;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.schema.ChannelKindSpec;

/**
 * One channel kind, self-described: name, params, endpoints and heartbeat defaults ({@link
 * ChannelKindSpec}) and the probe factory. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.drwatch.spi.ChannelKindDescriptor}); one class in the kind's own
 * adapter package.
 */
public interface ChannelKindDescriptor<T> extends ChannelKindSpec<T> {

  /** The probe of a loaded channel of this kind (its params already checked by {@link #parse}). */
  ChannelProbe probe(KindContext context, ChannelConfig channel);
}
