package io.drwatch.adapter.support;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * Runs an HTTP exchange on a Vert.x context. Started off one (a test, a command's main thread),
 * the client's callbacks are dispatched later, and a small response body can end before the
 * code that reads it in chunks has set its handler (Vert.x then throws IllegalStateException).
 */
public final class OnContext {
  private OnContext() {}

  public static <T> Future<T> run(Vertx vertx, Supplier<Future<T>> exchange) {
    if (Vertx.currentContext() != null) {
      return exchange.get();
    }
    Promise<T> done = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> exchange.get().onComplete(done));
    return done.future();
  }
}
