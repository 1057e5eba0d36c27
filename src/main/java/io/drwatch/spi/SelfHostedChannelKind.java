package io.drwatch.spi;

import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import io.drwatch.schema.Params;
import java.util.List;

/** A channel kind without params, whose channel is its two endpoints: postgres, redis. */
public abstract class SelfHostedChannelKind extends AbstractChannelKindDescriptor<SelfHostedChannelKind.NoParams> {

  /** No params: the channel is its two endpoints. */
  public record NoParams() {}

  protected SelfHostedChannelKind(String name, String summary, ChannelShape.Form form) {
    super(name, summary, ParamSchema.of(), ChannelShape.selfHosted(form), false, List.of());
  }

  @Override
  public final NoParams parse(Params p) {
    return new NoParams();
  }
}
