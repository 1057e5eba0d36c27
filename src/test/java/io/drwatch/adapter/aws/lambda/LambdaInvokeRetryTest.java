package io.drwatch.adapter.aws.lambda;

import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.domain.CodedFailure;
import io.drwatch.domain.FailureCode;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which lambda-invoke failures are retried, on the wire: a throttled invocation did not run, so it
 * is sent again; one that timed out after it was sent may have run, so it is not.
 */
class LambdaInvokeRetryTest {
  private static Vertx vertx;
  private static AwsClients impatient;
  private FakeLambda fake;
  private LambdaInvokeAction action;

  /** Lambda's REST-JSON Invoke: echoes the payload, or answers the injected fault. */
  static final class FakeLambda extends LoopbackAwsFake {
    FakeLambda() throws IOException {
      super();
    }

    @Override
    protected Reply answer(Request r) {
      if (r.method().equals("POST") && r.path().matches("/2015-03-31/functions/[^/]+/invocations")) {
        return new Reply(200, Map.of("Content-Type", "application/json", "X-Amz-Executed-Version", "$LATEST"), r.body());
      }
      return new Reply(404, Map.of("x-amzn-ErrorType", "UnknownOperationException"), "{}");
    }
  }

  @BeforeAll
  static void start() {
    vertx = TestVertx.create();
    impatient = OnContext.clients(new AwsSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(700), 10, 1));
  }

  @AfterAll
  static void stop() throws Exception {
    impatient.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = new FakeLambda();
    action = new LambdaInvokeAction(vertx, StepClients.built(() -> impatient, LambdaAsyncClient::builder));
    // Warm the SDK's classes with one plain call, so the test's requests are only its own.
    OnContext.run(vertx, () -> action.result(step()));
    fake.clearRequests();
  }

  @AfterEach
  void close() {
    action.close();
    fake.close();
  }

  private Step step() {
    return new Step("hook", Map.of("function", "dr-hook", "region", "eu-west-1",
        "endpointOverride", fake.endpoint().toString(), "payload", "{\"n\":1}"), false);
  }

  @Test
  void shouldSendAThrottledInvocationAgain() throws Exception {
    fake.failNext(1, new LoopbackAwsFake.Reply(429, Map.of("x-amzn-ErrorType", "TooManyRequestsException",
        "Content-Type", "application/json"), "{\"message\":\"Rate exceeded\",\"Reason\":\"ReservedFunctionConcurrentInvocationLimitExceeded\"}"));

    String echoed = OnContext.run(vertx, () -> action.result(step()));

    assertThat(echoed).contains("\"n\":1");
    assertThat(fake.requests()).hasSize(2).allSatisfy(r -> {
      assertThat(r.path()).isEqualTo("/2015-03-31/functions/dr-hook/invocations");
      assertThat(r.region()).isEqualTo("eu-west-1");
      assertThat(r.service()).isEqualTo("lambda");
    });
  }

  @Test
  void shouldFailWithoutSendingAgainWhenTheInvocationTimesOutAfterItWasSent() {
    fake.delayNext(1, Duration.ofSeconds(3));

    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.result(step())))
        .isInstanceOfSatisfying(CodedFailure.class, f -> assertThat(f.code()).isEqualTo(FailureCode.TIMEOUT))
        .hasMessageStartingWith("lambda-invoke dr-hook: ");
    assertThat(fake.requests()).as("the invocation may have run: it is not sent twice").hasSize(1);
  }
}
