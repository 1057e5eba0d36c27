package io.drwatch.adapter.postgres;

import io.drwatch.schema.ChannelShape;
import io.drwatch.spi.SelfHostedChannelKind;

/** Channel kind {@code postgres}: see {@link PgHeartbeatProbe}. */
public final class PgChannelKind extends SelfHostedChannelKind {

  public PgChannelKind() {
    super("postgres", "PostgreSQL streaming replication: a heartbeat row written on the primary, read on the standby.",
        ChannelShape.Form.POSTGRES, PgHeartbeatProbe::create);
  }
}
