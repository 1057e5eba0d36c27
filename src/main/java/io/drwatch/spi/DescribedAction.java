package io.drwatch.spi;

import io.drwatch.port.FailoverAction;
import io.vertx.core.Future;

/**
 * An action whose descriptor reads its params: every phase starts from the step's typed target,
 * parsed by the rules that checked it at load (see {@link AbstractActionDescriptor#target}), so no
 * action parses its params a second, different way. A phase that throws fails its future.
 */
public abstract class DescribedAction<T> implements FailoverAction {
  private final AbstractActionDescriptor<T> descriptor;

  protected DescribedAction(AbstractActionDescriptor<T> descriptor) {
    this.descriptor = descriptor;
  }

  @Override
  public final String name() {
    return descriptor.name();
  }

  @Override
  public final Future<Boolean> check(Step step) {
    return descriptor.target(step).compose(t -> check(step, t));
  }

  @Override
  public final Future<Void> apply(Step step) {
    return descriptor.target(step).compose(t -> apply(step, t));
  }

  @Override
  public final Future<Void> await(Step step) {
    return descriptor.target(step).compose(t -> await(step, t));
  }

  protected abstract Future<Boolean> check(Step step, T target);

  protected abstract Future<Void> apply(Step step, T target);

  protected abstract Future<Void> await(Step step, T target);
}
