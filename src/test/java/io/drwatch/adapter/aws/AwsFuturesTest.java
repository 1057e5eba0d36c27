package io.drwatch.adapter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.drwatch.testkit.TestVertx;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/** Completions from foreign threads come back on the caller's context, unwrapped. */
class AwsFuturesTest {
  private final Vertx vertx = TestVertx.create();
  private final ExecutorService sdkThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-sdk"));

  @AfterEach
  void tearDown() throws Exception {
    sdkThread.shutdownNow();
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  @Test
  void shouldDeliverResultsAndUnwrappedFailuresOnTheContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    CompletableFuture<String> ok = CompletableFuture.supplyAsync(() -> "done", sdkThread);
    CompletableFuture<String> bad = CompletableFuture.supplyAsync(() -> {
      throw SdkClientException.create("boom");
    }, sdkThread);

    Future<Context> okOn = Future.<Context>future(p -> context.runOnContext(v ->
        AwsFutures.onContext(ok, context).onComplete(ar -> p.complete(Vertx.currentContext()))));
    Future<Throwable> badCause = Future.future(p -> context.runOnContext(v ->
        AwsFutures.onContext(bad, context).onComplete(ar -> {
          assertThat(Vertx.currentContext()).isSameAs(context);
          p.complete(ar.cause());
        })));

    assertThat(okOn.await(5, TimeUnit.SECONDS)).isSameAs(context);
    assertThat(badCause.await(5, TimeUnit.SECONDS)).isInstanceOf(SdkClientException.class).hasMessage("boom");
  }

  @Test
  void shouldInvokeOffTheEventLoopAndCompleteOnTheContext() throws Exception {
    Context context = vertx.getOrCreateContext();
    Future<String> threads = Future.future(p -> context.runOnContext(v ->
        AwsFutures.call(context, () -> CompletableFuture.completedFuture(Thread.currentThread().getName()))
            .onComplete(ar -> p.complete(ar.result() + " -> " + (Vertx.currentContext() == context)))));

    assertThat(threads.await(5, TimeUnit.SECONDS)).startsWith("vert.x-worker-thread").endsWith("-> true");
  }
}
