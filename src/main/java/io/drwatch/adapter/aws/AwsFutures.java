package io.drwatch.adapter.aws;

import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The one bridge from AWS SDK futures to Vert.x. SDK futures complete on SDK threads (Netty event
 * loop, SDK executors); every callback must come back on our own context, or state owned by that
 * context is touched from two threads. Never {@code join()} or {@code get()} an SDK future on an
 * event loop.
 *
 * <p>Invoking an async SDK method is not free either: it marshals and signs on the calling thread,
 * may refresh credentials there (a blocking HTTP call to the instance metadata service), and the
 * first call of an operation loads its classes. {@link #call} therefore invokes on a worker thread.
 */
public final class AwsFutures {
  private AwsFutures() {}

  /**
   * The SDK call's result, delivered on {@code context}. A failure is the SDK's own exception
   * (an {@code SdkException}), not the {@link CompletionException} wrapped around it.
   */
  public static <T> Future<T> onContext(CompletableFuture<T> call, Context context) {
    return Future.fromCompletionStage(call, context).recover(err -> Future.failedFuture(unwrap(err)));
  }

  /**
   * Invokes {@code invocation} (e.g. {@code () -> sqs.deleteMessage(request)}) on a worker thread
   * and delivers the call's result on {@code context}.
   */
  public static <T> Future<T> call(Context context, Supplier<CompletableFuture<T>> invocation) {
    return invoke(context, invocation).compose(call -> onContext(call, context));
  }

  /**
   * {@link #call} with our bounded retries ({@link Retry}): the SDK's failure is coded first
   * ({@link AwsFailures#coded}), so the final failure keeps the service's error code and status.
   */
  public static <T> Future<T> retried(Retry retry, Context context, Supplier<CompletableFuture<T>> invocation) {
    return retry.run(context, () -> call(context, invocation).recover(err -> Future.failedFuture(AwsFailures.coded(err))));
  }

  /**
   * Invokes on a worker thread and hands the SDK's future back on {@code context}, for callers that
   * keep it (to cancel a long poll); bridge it with {@link #onContext}.
   */
  public static <T> Future<CompletableFuture<T>> invoke(Context context, Supplier<CompletableFuture<T>> invocation) {
    return context.executeBlocking(invocation::get, false);
  }

  /**
   * An expected service answer ({@code ReplicationNotFound}, {@code ExecutionDoesNotExist}) as
   * "absent", on the SDK's thread: it is the answer a caller waits for, not a failure, and not
   * worth a retry.
   */
  public static <T> CompletableFuture<Optional<T>> absentIf(Class<? extends Throwable> expected,
      CompletableFuture<T> call) {
    return call.thenApply(Optional::ofNullable).exceptionally(err -> {
      if (expected.isInstance(unwrap(err))) {
        return Optional.empty();
      }
      throw err instanceof CompletionException c ? c : new CompletionException(err);
    });
  }

  /** The cause under the completion/execution wrappers of {@code java.util.concurrent}. */
  public static Throwable unwrap(Throwable err) {
    Throwable t = err;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
