package io.drwatch.spi;

import io.drwatch.config.ChannelConfig;
import io.drwatch.port.ChannelProbe;
import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.Params;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.BiFunction;

/** A channel kind without params, whose channel is its two endpoints: postgres, redis. */
public abstract class SelfHostedChannelKind extends AbstractChannelKindDescriptor<SelfHostedChannelKind.NoParams> {

  /** No params: the channel is its two endpoints. */
  public record NoParams() {}

  private final BiFunction<Vertx, ChannelConfig, ChannelProbe> probe;

  /** @param probe the heartbeat probe of one channel, e.g. {@code PgHeartbeatProbe::create} */
  protected SelfHostedChannelKind(String name, String summary, ChannelShape.Form form,
      BiFunction<Vertx, ChannelConfig, ChannelProbe> probe) {
    super(name, summary, ParamSchema.of(), ChannelShape.selfHosted(form), false, List.of());
    this.probe = probe;
  }

  @Override
  public final ChannelProbe probe(KindContext context, ChannelConfig channel) {
    return probe.apply(context.vertx(), channel);
  }

  @Override
  public final NoParams parse(Params p) {
    return new NoParams();
  }
}
