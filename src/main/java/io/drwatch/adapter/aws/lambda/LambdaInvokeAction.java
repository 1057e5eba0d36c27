package io.drwatch.adapter.aws.lambda;

import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsStepAction;
import io.drwatch.adapter.aws.StepClients;
import io.drwatch.adapter.aws.StepPayload;
import io.drwatch.adapter.support.Failing;
import io.drwatch.domain.FailureCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.function.Function;
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
 * <p>A throttled invocation, or one that could not connect, is retried (it has not run); one that
 * timed out after it was sent fails the step, since it may have run.
 *
 * <p>Parameters: {@code function} (name or ARN), {@code region}, optional {@code endpointOverride},
 * optional {@code payload} (a JSON document). One client per (region, endpoint), built on first
 * use on a worker thread, closed by {@link #close()}. IAM: {@code lambda:InvokeFunction}.
 */
public final class LambdaInvokeAction extends AwsStepAction.OneShot<LambdaAsyncClient> {
  static final int MAX_QUOTED = 200;

  LambdaInvokeAction(Vertx vertx, Function<AwsEndpoint, LambdaAsyncClient> build) {
    super("lambda-invoke", vertx, build);
  }

  /** Invokes the function; the result is the function's payload as text. */
  @Override
  protected Future<String> result(Step step) {
    return parsed(() -> Map.entry(step.param("function"), StepClients.endpoint(step))).compose(p ->
        once(step, "lambda-invoke " + p.getKey(), p.getValue(), c -> c.invoke(request(step, p.getKey())),
            LambdaInvokeAction::outcome));
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
      return Failing.with(FailureCode.REJECTED, label + ": function error " + response.functionError() + quoted(body));
    }
    return Future.succeededFuture(body);
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
}
