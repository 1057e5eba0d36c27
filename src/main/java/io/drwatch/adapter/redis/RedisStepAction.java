package io.drwatch.adapter.redis;

import io.drwatch.spi.AbstractActionDescriptor;
import io.drwatch.spi.DescribedAction;
import io.vertx.core.Vertx;

/** A Redis step action: its descriptor's parsed target, and the Vert.x its clients run on. */
abstract class RedisStepAction<T> extends DescribedAction<T> {
  protected final Vertx vertx;

  RedisStepAction(AbstractActionDescriptor<T> descriptor, Vertx vertx) {
    super(descriptor);
    this.vertx = vertx;
  }
}
