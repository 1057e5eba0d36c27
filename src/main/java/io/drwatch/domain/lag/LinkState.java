package io.drwatch.domain.lag;

/** Replication link as the replica itself reports it, independent of heartbeat staleness. */
public enum LinkState {
  UP,
  DOWN,
  UNKNOWN
}
