package io.drwatch.domain.runbook;

import java.time.Duration;
import java.util.Objects;

/**
 * Live facts about the standby side that change how long a failover would take, gathered by
 * whoever can see them (the Kubernetes or RDS adapters) and handed to {@link RtoProjector}.
 */
public sealed interface Readiness {

  /** One line for the projection's reasons. */
  String reason();

  /**
   * A step would take longer than measured, e.g. a standby deployment at 0 replicas must scale
   * and schedule first.
   */
  record Penalty(String step, Duration extra, String reason) implements Readiness {
    public Penalty {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(reason, "reason");
      if (extra.isNegative()) {
        throw new IllegalArgumentException("penalty must be >= 0, but was " + extra);
      }
    }
  }

  /** The failover cannot complete at all, e.g. the replica to promote is not available. */
  record Unavailable(String reason) implements Readiness {
    public Unavailable {
      Objects.requireNonNull(reason, "reason");
    }
  }

  static Readiness penalty(String step, Duration extra, String reason) {
    return new Penalty(step, extra, reason);
  }

  static Readiness unavailable(String reason) {
    return new Unavailable(reason);
  }
}
