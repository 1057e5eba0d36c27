package io.drwatch.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Deployment-wide recovery objectives.
 *
 * @param rpo how much data loss is acceptable, default 5s, at least 0; the default for every
 *     channel's {@code objective.rpo}
 * @param rto how long a failover may take, default 15m, at least 0
 */
public record Objectives(Duration rpo, Duration rto) {

  public Objectives {
    Objects.requireNonNull(rpo, "rpo");
    Objects.requireNonNull(rto, "rto");
  }
}
