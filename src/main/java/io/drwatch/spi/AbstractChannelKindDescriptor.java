package io.drwatch.spi;

import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import java.util.List;

/** The fixed facts of a channel kind, so that a descriptor writes only its params, parse and factory. */
public abstract class AbstractChannelKindDescriptor<T> extends AbstractKindDescriptor<T>
    implements ChannelKindDescriptor<T> {
  private final ChannelShape shape;

  protected AbstractChannelKindDescriptor(String name, String summary, ParamSchema params, ChannelShape shape,
      boolean needsAws, List<String> iamActions) {
    super(name, summary, params, needsAws, iamActions);
    this.shape = shape;
  }

  @Override
  public final ChannelShape shape() {
    return shape;
  }

  @Override
  final String role() {
    return "ChannelKindDescriptor";
  }
}
