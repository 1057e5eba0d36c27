package io.drwatch.bootstrap;

import io.drwatch.config.ChannelConfig;

/**
 * A channel's config as its probe reads it in one direction. Reversed, the canary's endpoints
 * swap: heartbeats are written to the configured replica (the primary now) and read on the
 * configured primary (its rebuilt replica). A managed kind's provider ids (params) stay as
 * configured: which instance is the replica after a rebuild is the provider's to say, so only
 * its optional canary turns.
 */
final class ProbeDirection {
  private ProbeDirection() {}

  static ChannelConfig of(ChannelConfig c, boolean reversed) {
    if (!reversed) {
      return c;
    }
    return new ChannelConfig(c.name(), c.kind(), c.replica(), c.primary(), c.heartbeat(),
        c.rpoObjective(), c.params());
  }
}
