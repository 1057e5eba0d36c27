package io.drwatch.config;

import io.drwatch.domain.channel.ChannelKind;
import java.time.Duration;
import java.util.Objects;

/**
 * One replication channel: a primary, its replica and how to measure the lag between them.
 *
 * @param name unique, matches {@code [a-z0-9][a-z0-9-]{0,62}} (a bounded Prometheus label value)
 * @param kind the replication technology
 * @param primary where heartbeats are written
 * @param replica where heartbeats are read back
 * @param heartbeat probe timing and location
 * @param rpoObjective from {@code objective.rpo}, default {@code objectives.rpo}, at least 0
 */
public record ChannelConfig(
    String name,
    ChannelKind kind,
    Endpoint primary,
    Endpoint replica,
    HeartbeatConfig heartbeat,
    Duration rpoObjective) {

  public ChannelConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(replica, "replica");
    Objects.requireNonNull(heartbeat, "heartbeat");
    Objects.requireNonNull(rpoObjective, "rpoObjective");
  }
}
