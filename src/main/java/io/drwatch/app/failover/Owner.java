package io.drwatch.app.failover;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/**
 * The one context that owns the pipeline's state. HTTP handlers run on the server's event loop
 * and the lease's listeners on theirs; every intent hops here before it reads or changes a run.
 */
final class Owner {
  private Context context;

  /** Claims the caller's context (or a new one): from now on intents run there. */
  void claim(Vertx vertx) {
    context = vertx.getOrCreateContext();
  }

  <T> Future<T> run(Supplier<Future<T>> intent) {
    if (context == null || Vertx.currentContext() == context) {
      return intent.get();
    }
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> intent.get().onComplete(done));
    return done.future();
  }
}
