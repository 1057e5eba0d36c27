package io.drwatch.adapter.aws;

import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.Poll;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.adapter.support.Retry;
import io.drwatch.domain.FailureCode;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkClient;

/**
 * What every AWS failover action shares, so that each one holds only its own check, apply and
 * read-back: its SDK clients per (region, endpoint), parameters that fail as {@code BAD_PARAMS}
 * before anything is sent, calls through our {@link Retry} that come back on the caller's context,
 * and the await that reads the provider's state back until the target holds or time runs out.
 */
public abstract class AwsStepAction<C extends SdkClient> implements FailoverAction, AutoCloseable {
  protected final Vertx vertx;
  protected final StepClients<C> clients;
  private final String name;

  protected AwsStepAction(String name, Vertx vertx, StepClients<C> clients) {
    this.name = name;
    this.vertx = vertx;
    this.clients = clients;
  }

  protected AwsStepAction(String name, Vertx vertx, Function<AwsEndpoint, C> build) {
    this(name, vertx, new StepClients<>(build));
  }

  @Override
  public final String name() {
    return name;
  }

  /** The step's parameters as {@code parse} reads them; an {@link IllegalArgumentException} is BAD_PARAMS. */
  protected static <T> Future<T> parsed(Supplier<T> parse) {
    try {
      return Future.succeededFuture(parse.get());
    } catch (IllegalArgumentException e) {
      return Failing.with(FailureCode.BAD_PARAMS, e.getMessage());
    }
  }

  /**
   * One call of the client for {@code endpoint}, retried by {@code retry}. The client is looked up
   * (and built, the first time) inside the invocation, on the worker thread.
   */
  protected <T> Future<T> call(Context context, Retry retry, AwsEndpoint endpoint,
      Function<C, CompletableFuture<T>> invocation) {
    return AwsFutures.retried(retry, context, () -> invocation.apply(clients.get(endpoint)));
  }

  /** How an await paces its read-backs: the step's {@code pollMillis} (at most 60 s) and {@code waitSeconds} (at most 2 h). */
  protected record Pace(Duration every, Duration within) {
    public static Pace of(Step step, int everyMillis, int withinSeconds) {
      return new Pace(Duration.ofMillis(step.number("pollMillis", everyMillis, 60_000)),
          Duration.ofSeconds(step.number("waitSeconds", withinSeconds, 7200)));
    }
  }

  /** As {@link #call(Context, Retry, AwsEndpoint, Function)}, its failure prefixed with {@code step} (its code kept). */
  protected <T> Future<T> call(Context context, String step, Retry retry, AwsEndpoint endpoint,
      Function<C, CompletableFuture<T>> invocation) {
    return call(context, retry, endpoint, invocation).recover(err -> Failing.under(step, err));
  }

  /** Reads the state back now, then every {@code every}, until it is done, {@code within} passes or the step is abandoned. */
  protected Future<Void> awaitSeen(Step step, Duration every, Duration within, String what,
      Supplier<Future<Seen>> read) {
    return Poll.every(every, within).untilSeen(vertx, step.abandoned(), what, read).result().mapEmpty();
  }

  protected Future<Void> awaitSeen(Step step, Pace pace, String what, Supplier<Future<Seen>> read) {
    return awaitSeen(step, pace.every(), pace.within(), what, read);
  }

  /** Closes the clients built so far (they borrow {@link AwsClients}' HTTP client). */
  @Override
  public void close() {
    clients.close();
  }

  /**
   * An action whose call is its whole effect (an invocation, an event): nothing to read back, and
   * nothing to find done already, since running it again is a new call, not the same one.
   */
  public abstract static class OneShot<C extends SdkClient> extends AwsStepAction<C> {
    protected OneShot(String name, Vertx vertx, Function<AwsEndpoint, C> build) {
      super(name, vertx, build);
    }

    @Override
    public final Future<Boolean> check(Step step) {
      return Future.succeededFuture(false);
    }

    @Override
    public final Future<Void> apply(Step step) {
      return result(step).mapEmpty();
    }

    @Override
    public final Future<Void> await(Step step) {
      return Future.succeededFuture();
    }

    /** Makes the call; the result is what the provider answered (a payload, an event id). */
    protected abstract Future<String> result(Step step);

    /**
     * Only what cannot run the call twice is retried: a throttled call did not run, one that never
     * connected did not leave; a timeout after sending may have run, so it fails the step.
     */
    protected static Retry sideEffectSafe(String label, Step step) {
      return Retry.of(label).onlyWhen(AwsFailures::safeToRepeat).stopOn(step.abandoned());
    }

    /**
     * The call, retried only when {@link #sideEffectSafe}, its failure worded under {@code label},
     * and its response judged by {@code outcome}. Runs {@code invocation} on a worker, so the
     * request is built there too: the first use of the SDK's model classes loads them.
     */
    protected <R, T> Future<T> once(Step step, String label, AwsEndpoint endpoint,
        Function<C, CompletableFuture<R>> invocation, BiFunction<String, R, Future<T>> outcome) {
      return call(vertx.getOrCreateContext(), sideEffectSafe(label, step), endpoint, invocation)
          .recover(err -> Future.failedFuture(AwsFailures.under(label, err)))
          .compose(response -> outcome.apply(label, response));
    }
  }
}
