package io.drwatch.domain.channel;

/**
 * The named vocabulary for the state of one replication channel. Operators, alerts and the
 * decision core all speak it; a condition is derived from one probe round plus a little history.
 */
public enum ChannelCondition {
  /** RPO within the objective. */
  HEALTHY,
  /** RPO above the objective, but the replica still applies what the primary writes. */
  LAGGING,
  /** The primary's heartbeat advances while the replica's does not, for several intervals. */
  STALLED,
  /** The replica's own view says replication stopped (no WAL receiver, link down, promoted). */
  BROKEN,
  /** The heartbeat cannot be written on the primary; RPO holds its last value. */
  SOURCE_UNREACHABLE,
  /** The replica cannot be read. */
  REPLICA_UNREACHABLE,
  /**
   * Failed over: the promoted side is the primary and nothing replicates from it, so there is no
   * replica to fail over to (DR exposure). Replaces what the probe says about the dead former
   * primary until a new replica is confirmed ({@code domain/topology/Topology}).
   */
  UNPROTECTED,
  /** No data yet, or telemetry missing. Missing data is never healthy. */
  UNKNOWN
}
