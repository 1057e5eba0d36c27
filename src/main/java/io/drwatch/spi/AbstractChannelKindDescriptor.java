package io.drwatch.spi;

import io.drwatch.schema.ChannelShape;
import io.drwatch.schema.ParamSchema;
import java.util.List;

/** The fixed facts of a channel kind, so that a descriptor writes only its params, parse and factory. */
public abstract class AbstractChannelKindDescriptor<T> implements ChannelKindDescriptor<T> {
  private final String name;
  private final String summary;
  private final ParamSchema params;
  private final ChannelShape shape;
  private final boolean needsAws;
  private final List<String> iamActions;

  protected AbstractChannelKindDescriptor(String name, String summary, ParamSchema params, ChannelShape shape,
      boolean needsAws, List<String> iamActions) {
    this.name = name;
    this.summary = summary;
    this.params = params;
    this.shape = shape;
    this.needsAws = needsAws;
    this.iamActions = List.copyOf(iamActions);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public final ParamSchema params() {
    return params;
  }

  @Override
  public final ChannelShape shape() {
    return shape;
  }

  @Override
  public final boolean needsAws() {
    return needsAws;
  }

  @Override
  public final List<String> iamActions() {
    return iamActions;
  }

  @Override
  public String toString() {
    return "ChannelKindDescriptor[" + name + "]";
  }
}
