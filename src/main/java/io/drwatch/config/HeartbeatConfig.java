package io.drwatch.config;

import io.drwatch.domain.Require;
import java.time.Duration;

/**
 * How a channel's lag is probed: a timestamp written on the primary and read on the replica.
 *
 * @param interval time between heartbeats, default 1s, at least 10 ms (checked by the reader)
 * @param timeout limit for one probe call, default 1s, greater than 0
 * @param table postgres heartbeat table, default {@code drwatch_heartbeat}, matches {@code
 *     [A-Za-z_][A-Za-z0-9_]{0,62}}; only configurable for postgres channels
 * @param key redis heartbeat key, default {@code "drwatch:heartbeat:" + channel name}; only
 *     configurable for redis channels
 * @param stallIntervals missed intervals before the channel counts as stalled, default 3, at least
 *     1
 */
public record HeartbeatConfig(
    Duration interval, Duration timeout, String table, String key, int stallIntervals) {

  public HeartbeatConfig {
    Require.nonNull("interval", interval, "timeout", timeout, "table", table, "key", key);
  }
}
