package io.drwatch.adapter.aws.lambda;

import io.drwatch.adapter.support.Failing;
import io.drwatch.domain.FailureCode;
import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsFutures;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.aws.StepPayload;
import io.drwatch.domain.Failures;
import io.drwatch.port.FailoverAction;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * {@code lambda-invoke}: one synchronous ({@code RequestResponse}) Lambda invocation.
 *
 * <ul>
 *   <li>check: always false. An invocation is not idempotent by itself: whether running the
 *       function again is safe is the function's business, so the step always runs (and runs
 *       again after a crash while it was in flight).
 *   <li>apply: {@code Invoke} with {@code payload} (default {@code {"step": id, "drill": flag,
 *       "epoch": n}}; a JSON object payload gets the step's fencing {@code "epoch"} set);
 *       a response with a {@code FunctionError} fails with the error type and the first 200
 *       characters of the function's payload.
 *   <li>await: immediate: the synchronous invoke already completed.
 * </ul>
 *
 * <p>Parameters: {@code function} (name or ARN), {@code region}, optional {@code endpointOverride},
 * optional {@code payload} (a JSON document). One client per (region, endpoint), built on first
 * use on a worker thread, closed by {@link #close()}. IAM: {@code lambda:InvokeFunction}.
 */
public final class LambdaInvokeAction implements FailoverAction, AutoCloseable {
  static final int MAX_QUOTED = 200;

  private final Vertx vertx;
  private final StepClients<LambdaAsyncClient> clients;

  LambdaInvokeAction(Vertx vertx, Function<AwsEndpoint, LambdaAsyncClient> build) {
    this.vertx = vertx;
    this.clients = new StepClients<>(build);
  }

  /** {@code aws} is asked for on the first invocation only (on a worker thread). */
  public static LambdaInvokeAction create(Vertx vertx, Supplier<AwsClients> aws) {
    return new LambdaInvokeAction(vertx, endpoint -> aws.get().configure(LambdaAsyncClient.builder(), endpoint).build());
  }

  public static LambdaInvokeAction create(Vertx vertx, AwsClients aws) {
    return create(vertx, () -> aws);
  }

  @Override
  public String name() {
    return "lambda-invoke";
  }

  @Override
  public Future<Boolean> check(Step step) {
    return Future.succeededFuture(false);
  }

  @Override
  public Future<Void> apply(Step step) {
    return invoke(step).mapEmpty();
  }

  @Override
  public Future<Void> await(Step step) {
    return Future.succeededFuture();
  }

  /** Invokes the function; the result is the function's payload as text. */
  Future<String> invoke(Step step) {
    Context context = vertx.getOrCreateContext();
    String function;
    AwsEndpoint endpoint;
    try {
      function = step.param("function");
      endpoint = endpoint(step);
    } catch (IllegalArgumentException e) {
      return Failing.with(FailureCode.BAD_PARAMS, e.getMessage());
    }
    String label = "lambda-invoke " + function;
    // The request is built on the worker too: the first use of the SDK's model classes loads them.
    return AwsFutures.call(context, () -> client(endpoint).invoke(request(step, function)))
        .recover(err -> failed(label + ": " + Failures.line(err)))
        .compose(response -> outcome(label, response));
  }

  private static InvokeRequest request(Step step, String function) {
    return InvokeRequest.builder()
        .functionName(function)
        .invocationType(InvocationType.REQUEST_RESPONSE)
        .payload(SdkBytes.fromUtf8String(payload(step)))
        .build();
  }

  private static Future<String> outcome(String label, InvokeResponse response) {
    String body = response.payload() == null ? "" : response.payload().asUtf8String();
    if (response.functionError() != null && !response.functionError().isBlank()) {
      return failed(label + ": function error " + response.functionError() + quoted(body));
    }
    return Future.succeededFuture(body);
  }

  private LambdaAsyncClient client(AwsEndpoint endpoint) {
    return clients.get(endpoint);
  }

  static AwsEndpoint endpoint(Step step) {
    return StepClients.endpoint(step);
  }


  static String payload(Step step) {
    return StepPayload.of(step, "payload");
  }

  private static String quoted(String body) {
    String text = body.strip();
    if (text.isEmpty()) {
      return "";
    }
    String start = text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "..." : text;
    return ": " + start.replaceAll("\\s+", " ");
  }

  private static <T> Future<T> failed(String message) {
    return Future.failedFuture(VertxException.noStackTrace(message));
  }

  /** Closes the clients built so far (they borrow {@link AwsClients}' HTTP client). */
  @Override
  public void close() {
    clients.close();
  }
}
