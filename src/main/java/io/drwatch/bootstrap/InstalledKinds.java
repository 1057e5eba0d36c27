package io.drwatch.bootstrap;

import io.drwatch.schema.KindCatalog;
import io.drwatch.spi.KindRegistry;

/** The channel kinds and actions on the class path (ServiceLoader), for {@code drwatch kinds}. */
public final class InstalledKinds {
  private InstalledKinds() {}

  /** Every installed descriptor's name and parameter schema. */
  public static KindCatalog catalog() {
    return KindRegistry.installed();
  }
}
