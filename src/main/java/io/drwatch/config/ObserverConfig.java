package io.drwatch.config;

import java.util.Objects;

/**
 * Identity of this daemon instance, used as the {@code observer} label when several drwatch
 * instances vote on an outage.
 *
 * @param name default {@code "local"}; must match {@code [a-z0-9][a-z0-9-]{0,62}} because it is a
 *     Prometheus label value
 * @param region free text, default {@code ""}
 */
public record ObserverConfig(String name, String region) {

  public ObserverConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(region, "region");
  }
}
