package io.drwatch.adapter.postgres;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.spi.AbstractChannelKindDescriptor;
import io.drwatch.spi.KindContext;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamException;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.ParamSpec;
import io.drwatch.schema.Params;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Channel kind {@code postgres}: see {@link PgHeartbeatProbe}. */
public final class PgChannelKind extends AbstractChannelKindDescriptor<PgChannelKind.Target> {

  /** No params: the channel is its two endpoints. */
  public record Target() {}

  public PgChannelKind() {
    super("postgres", "PostgreSQL streaming replication: a heartbeat row written on the primary, read on the standby.",
        ParamSchema.of(), ChannelShape.selfHosted(ChannelShape.Form.POSTGRES), false, List.of());
  }

  @Override
  public Target parse(Params p) {
    return new Target();
  }

  @Override
  public ChannelProbe probe(KindContext context, ChannelConfig channel) {
    return PgHeartbeatProbe.create(context.vertx(), channel);
  }
}
