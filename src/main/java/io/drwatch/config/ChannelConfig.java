package io.drwatch.config;

import io.drwatch.domain.Require;
import io.drwatch.domain.channel.ChannelKind;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One replication channel: a primary, its replica and how to measure the lag between them.
 *
 * @param name unique, matches {@code [a-z0-9][a-z0-9-]{0,62}} (a bounded Prometheus label value)
 * @param kind the replication technology
 * @param primary where heartbeats are written; required for postgres, redis and opensearch, an
 *     optional canary for rds, aurora-global and elasticache-global, absent for the other kinds
 * @param replica where heartbeats are read back; present exactly when {@code primary} is
 * @param params the provider's ids and options for managed kinds (region, instance, bucket, ...);
 *     the keys are checked per kind by the loader
 * @param heartbeat probe timing and location
 * @param rpoObjective from {@code objective.rpo}, default {@code objectives.rpo}, at least 0
 */
public record ChannelConfig(
    String name,
    ChannelKind kind,
    Optional<Endpoint> primary,
    Optional<Endpoint> replica,
    HeartbeatConfig heartbeat,
    Duration rpoObjective,
    Map<String, String> params) {

  public ChannelConfig {
    Require.nonNull("name", name, "kind", kind, "primary", primary, "replica", replica, "heartbeat", heartbeat,
        "rpoObjective", rpoObjective);
    params = Map.copyOf(params);
  }

  /** A channel between two servers with a canary and no params (postgres, redis). */
  public ChannelConfig(String name, ChannelKind kind, Endpoint primary, Endpoint replica,
      HeartbeatConfig heartbeat, Duration rpoObjective) {
    this(name, kind, Optional.of(primary), Optional.of(replica), heartbeat, rpoObjective, Map.of());
  }

  /** True when the channel writes and reads its own heartbeat through primary and replica. */
  public boolean hasCanary() {
    return primary.isPresent() && replica.isPresent();
  }

  /** A required param; the loader has checked it is there. */
  public String param(String key) {
    String v = params.get(key);
    if (v == null) {
      throw new IllegalStateException("channel " + name + ": missing param " + key);
    }
    return v;
  }

  public Optional<String> optionalParam(String key) {
    return Optional.ofNullable(params.get(key));
  }
}
