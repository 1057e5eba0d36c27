package io.drwatch.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Runs an action call on a fresh event-loop context, as the pipeline does, and waits for it. */
public final class OnContext {
  private OnContext() {}

  /** The result; fails unless it arrives on the calling context (the SDK bridge's promise). */
  public static <T> T run(Vertx vertx, Supplier<Future<T>> call) throws Exception {
    Context context = vertx.getOrCreateContext();
    AtomicReference<Context> seen = new AtomicReference<>();
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> call.get().onComplete(ar -> {
      seen.set(Vertx.currentContext());
      done.handle(ar);
    }));
    try {
      return done.future().await(60, TimeUnit.SECONDS);
    } finally {
      assertThat(seen.get()).as("the result comes back on the caller's context").isSameAs(context);
    }
  }
}
