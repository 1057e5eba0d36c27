package io.drwatch.spi;

import io.drwatch.schema.KindSpec;
import io.drwatch.schema.ParamSchema;
import java.util.List;

/**
 * The facts every kind states, channel kind or action: its name, summary, params and what it needs
 * of AWS. {@link AbstractActionDescriptor} and {@link AbstractChannelKindDescriptor} add their own.
 */
public abstract class AbstractKindDescriptor<T> implements KindSpec<T> {
  private final String name;
  private final String summary;
  private final ParamSchema params;
  private final boolean needsAws;
  private final List<String> iamActions;

  AbstractKindDescriptor(String name, String summary, ParamSchema params, boolean needsAws, List<String> iamActions) {
    this.name = name;
    this.summary = summary;
    this.params = params;
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
  public final boolean needsAws() {
    return needsAws;
  }

  @Override
  public final List<String> iamActions() {
    return iamActions;
  }

  /** How {@link #toString} names the descriptor: {@code ActionDescriptor}, {@code ChannelKindDescriptor}. */
  abstract String role();

  @Override
  public String toString() {
    return role() + "[" + name + "]";
  }
}
