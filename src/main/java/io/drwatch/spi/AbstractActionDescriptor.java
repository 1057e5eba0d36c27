package io.drwatch.spi;

import io.drwatch.schema.ParamSchema;
import java.util.List;

/** The fixed facts of an action, so that a descriptor writes only its params, parse and factory. */
public abstract class AbstractActionDescriptor<T> implements ActionDescriptor<T> {
  /** Whether an action is a long provider operation, see {@link io.drwatch.schema.ActionKindSpec}. */
  public enum Speed { QUICK, LONG }

  private final String name;
  private final String summary;
  private final ParamSchema params;
  private final int waitSeconds;
  private final boolean longOperation;
  private final boolean needsAws;
  private final List<String> iamActions;

  protected AbstractActionDescriptor(String name, String summary, ParamSchema params, int waitSeconds,
      Speed speed, boolean needsAws, List<String> iamActions) {
    this.name = name;
    this.summary = summary;
    this.params = params;
    this.waitSeconds = waitSeconds;
    this.longOperation = speed == Speed.LONG;
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
  public final int waitSeconds() {
    return waitSeconds;
  }

  @Override
  public final boolean longOperation() {
    return longOperation;
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
    return "ActionDescriptor[" + name + "]";
  }
}
