package io.drwatch.adapter.aws.sfn;

import static io.drwatch.adapter.aws.AwsFutures.absentIf;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.StepPayload;
import io.drwatch.adapter.support.Failing;
import io.drwatch.adapter.support.Poll.Seen;
import io.drwatch.adapter.support.Retry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionRequest;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.StartExecutionRequest;

/**
 * {@code sfn-start}: runs a Step Functions state machine (for example an existing DR automation)
 * as one failover step, and waits for its execution to succeed.
 *
 * <ul>
 *   <li>check: {@code DescribeExecution} of the step's own execution (its ARN follows from the
 *       state machine and the execution name) says {@code SUCCEEDED}.
 *   <li>apply: {@code StartExecution} with that name. A retry with the same name and input is
 *       idempotent (Step Functions answers with the running execution), so a crash between
 *       start and verify neither starts a second execution nor loses the first. A running
 *       execution whose input differs only in {@code "epoch"} (the run resumed under a later
 *       lease) is joined too. An execution of that name that already ended otherwise fails the
 *       step with its status, error and cause.
 *   <li>await: polls {@code DescribeExecution} every {@code pollMillis} until {@code SUCCEEDED};
 *       {@code FAILED}, {@code TIMED_OUT} and {@code ABORTED} fail with the execution's error and
 *       cause; bounded by {@code waitSeconds}.
 * </ul>
 *
 * <p>Parameters: {@code stateMachine} (ARN), {@code region}, optional {@code endpointOverride},
 * {@code input} (a JSON document, an object gets the step's fencing {@code "epoch"} set; default
 * {@code {"step": id, "drill": flag, "epoch": n}}), {@code name}
 * (default {@link ExecutionTarget#defaultName}: from the step and run ids, new for every run;
 * an explicit name makes every later run find that execution and skip the step), {@code
 * pollMillis} (2000), {@code waitSeconds} (3600). IAM: {@code states:StartExecution}, {@code
 * states:DescribeExecution}.
 */
public final class SfnStartAction extends AwsStepAction<SfnAsyncClient> {
  static final String NAME = "sfn-start";

  SfnStartAction(Vertx vertx, Function<AwsEndpoint, SfnAsyncClient> build) {
    super(NAME, vertx, build);
  }

  @Override
  public Future<Boolean> check(Step step) {
    Context context = vertx.getOrCreateContext();
    return target(context, step).compose(t -> describe(context, t, step.abandoned()))
        .map(found -> found.map(d -> d.status() == ExecutionStatus.SUCCEEDED).orElse(false));
  }

  @Override
  public Future<Void> apply(Step step) {
    Context context = vertx.getOrCreateContext();
    return target(context, step).compose(t -> call(context, Retry.of("sfn StartExecution " + t.name())
        .stopOn(step.abandoned()), t.endpoint(), c -> absentIf(ExecutionAlreadyExistsException.class, c
            .startExecution(StartExecutionRequest.builder()
                .stateMachineArn(t.stateMachine()).name(t.name()).input(t.input()).build())))
        .recover(err -> Failing.under(t.label(), err))
        .compose(started -> started.isPresent() ? Future.<Void>succeededFuture() : alreadyExists(context, t, step.abandoned())));
  }

  @Override
  public Future<Void> await(Step step) {
    Context context = vertx.getOrCreateContext();
    return target(context, step).compose(t -> awaitSeen(step, t.every(), t.atMost(),
        t.label() + ": execution " + t.name(),
        () -> describe(context, t, step.abandoned()).compose(found -> found.isEmpty()
            ? failed(t.label() + ": execution " + t.name() + " does not exist (was the step applied?)")
            : seen(t, found.get()))));
  }

  /** Same name, different input or already ended: say which, with the execution's own words. */
  private Future<Void> alreadyExists(Context context, ExecutionTarget t, Future<?> stop) {
    return describe(context, t, stop).compose(found -> {
      DescribeExecutionResponse d = found.orElse(null);
      if (d != null && d.status() == ExecutionStatus.SUCCEEDED) {
        return Future.succeededFuture();
      }
      // The same run resumed under a later lease: its execution is already under way, and await
      // follows it. Only the epoch may differ, not what the step asked for.
      if (d != null && d.status() == ExecutionStatus.RUNNING && sameButEpoch(d.input(), t.input())) {
        return Future.succeededFuture();
      }
      String state = d == null ? "unknown" : d.status() == ExecutionStatus.RUNNING
          ? "RUNNING with a different input" : outcome(d);
      return failed(t.label() + ": execution " + t.name() + " already exists: " + state
          + "; set a new name to run the state machine again");
    });
  }

  static boolean sameButEpoch(String running, String ours) {
    if (running == null) {
      return false;
    }
    try {
      Object a = Json.decodeValue(running);
      Object b = Json.decodeValue(ours);
      if (a instanceof JsonObject x && b instanceof JsonObject y) {
        JsonObject left = x.copy();
        JsonObject right = y.copy();
        left.remove(StepPayload.EPOCH);
        right.remove(StepPayload.EPOCH);
        return left.equals(right);
      }
      return a != null && a.equals(b);
    } catch (DecodeException e) {
      return false;
    }
  }

  private static Future<Seen> seen(ExecutionTarget t, DescribeExecutionResponse d) {
    return switch (d.status()) {
      case SUCCEEDED -> Future.succeededFuture(Seen.done("SUCCEEDED"));
      case FAILED, TIMED_OUT, ABORTED -> failed(t.label() + ": execution " + t.name() + " " + outcome(d));
      default -> Future.succeededFuture(Seen.notYet(d.statusAsString()));
    };
  }

  private static String outcome(DescribeExecutionResponse d) {
    String error = d.error() == null ? "" : " " + d.error();
    String cause = d.cause() == null || d.cause().isBlank() ? "" : ": " + d.cause().strip().replaceAll("\\s+", " ");
    return d.statusAsString() + error + cause;
  }

  /** The step's execution; empty if it was never started. */
  private Future<Optional<DescribeExecutionResponse>> describe(Context context, ExecutionTarget t, Future<?> stop) {
    return call(context, t.label(), Retry.of("sfn DescribeExecution " + t.name()).stopOn(stop), t.endpoint(),
        c -> absentIf(ExecutionDoesNotExistException.class,
            c.describeExecution(DescribeExecutionRequest.builder().executionArn(t.executionArn()).build())));
  }

  /**
   * Parsed on a worker: checking the input JSON (and encoding the default one) loads Jackson on
   * first use, which on a cold JVM blocks for far longer than an event loop may.
   */
  private Future<ExecutionTarget> target(Context context, Step step) {
    return context.<ExecutionTarget>executeBlocking(() -> ExecutionTarget.of(step), false)
        .recover(err -> failed(err instanceof IllegalArgumentException ? err.getMessage()
            : "step " + step.id() + ": " + err));
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }
}
