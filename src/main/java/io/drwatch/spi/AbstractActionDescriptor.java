package io.drwatch.spi;

import io.drwatch.schema.ParamSchema;
import java.util.List;

/** The fixed facts of an action, so that a descriptor writes only its params, parse and factory. */
public abstract class AbstractActionDescriptor<T> extends AbstractKindDescriptor<T> implements ActionDescriptor<T> {
  /** Whether an action is a long provider operation, see {@link io.drwatch.schema.ActionKindSpec}. */
  public enum Speed { QUICK, LONG }

  private final int waitSeconds;
  private final boolean longOperation;

  protected AbstractActionDescriptor(String name, String summary, ParamSchema params, int waitSeconds,
      Speed speed, boolean needsAws, List<String> iamActions) {
    super(name, summary, params, needsAws, iamActions);
    this.waitSeconds = waitSeconds;
    this.longOperation = speed == Speed.LONG;
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
  final String role() {
    return "ActionDescriptor";
  }
}
