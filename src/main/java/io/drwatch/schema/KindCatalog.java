package io.drwatch.schema;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Every channel kind and action known, as config reads them. The implementation ({@code
 * io.drwatch.spi.KindRegistry}) finds the descriptors through {@link ServiceLoader}; config finds
 * it the same way, so it never sees the descriptors' factories.
 */
public interface KindCatalog {

  /** Channel kinds in reference order. */
  List<? extends ChannelKindSpec<?>> channelKinds();

  /** Actions in reference order. */
  List<? extends ActionKindSpec<?>> actions();

  default Optional<ChannelKindSpec<?>> channelKind(String name) {
    return channelKinds().stream().filter(k -> k.name().equals(name)).<ChannelKindSpec<?>>map(k -> k).findFirst();
  }

  default Optional<ActionKindSpec<?>> action(String name) {
    return actions().stream().filter(a -> a.name().equals(name)).<ActionKindSpec<?>>map(a -> a).findFirst();
  }

  /** The catalog on the class path (META-INF/services/io.drwatch.schema.KindCatalog). */
  static KindCatalog installed() {
    return Holder.INSTALLED;
  }

  /** Loaded once: the descriptors do not change while the process runs. */
  final class Holder {
    private static final KindCatalog INSTALLED = ServiceLoader.load(KindCatalog.class).findFirst()
        .orElseThrow(() -> new IllegalStateException("no io.drwatch.schema.KindCatalog on the class path"));

    private Holder() {}
  }
}
