package io.drwatch.adapter.aws.sfn;

import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.LoopbackAwsFake.Request;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** sfn-start against {@link FakeSfn}: throttling, 5xx, slow answers and TIMED_OUT, which moto cannot produce. */
class SfnStartActionFaultsTest {
  private static final String MACHINE = "arn:aws:states:eu-west-1:123456789012:stateMachine:dr-dns";
  private static final String NAME = "drwatch-dns-run7";

  private static Vertx vertx;
  private static AwsClients aws;
  private static AwsClients impatient;
  private FakeSfn fake;
  private SfnStartAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    aws = OnContext.clients(AwsSettings.DEFAULT);
    impatient = OnContext.clients(new AwsSettings(Duration.ofSeconds(1), Duration.ofSeconds(5),
        Duration.ofMillis(500), 10, 1));
    // One throttled call first: a cold JVM loads the failure path's classes on the loop (not counted here).
    try (FakeSfn warm = new FakeSfn(); SfnStartAction a = new SfnStartAction(vertx, StepClients.built(() -> aws, SfnAsyncClient::builder))) {
      warm.failNext(2, FakeSfn.error(400, "ThrottlingException", "Rate exceeded"));
      OnContext.run(vertx, () -> a.apply(new Step("warm", Map.of("stateMachine", MACHINE, "region", "eu-west-1",
          "endpointOverride", warm.endpoint().toString()), false)));
    }
  }

  @AfterAll
  static void stop() throws Exception {
    aws.close();
    impatient.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void fake() throws Exception {
    fake = new FakeSfn();
    action = new SfnStartAction(vertx, StepClients.built(() -> aws, SfnAsyncClient::builder));
  }

  @AfterEach
  void close() {
    action.close();
    fake.close();
  }

  private Step step(Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("stateMachine", MACHINE, "region", "eu-west-1",
        "endpointOverride", fake.endpoint().toString(), "pollMillis", "20"));
    params.putAll(extra);
    return new Step("dns", params, false, "run7");
  }

  private List<Request> calls(String op) {
    return fake.requests().stream().filter(r -> ("AWSStepFunctions." + op).equals(r.headers().get("x-amz-target"))).toList();
  }

  @Test
  void shouldRetryThrottlingThenStartAndWalkRunningToSucceeded() throws Exception {
    fake.endWith("SUCCEEDED", 3);
    fake.failNext(2, FakeSfn.error(400, "ThrottlingException", "Rate exceeded"));
    Step step = step(Map.of());
    OnContext.run(vertx, () -> action.apply(step));
    OnContext.run(vertx, () -> action.await(step));

    assertThat(calls("StartExecution")).hasSize(3).allSatisfy(r -> {
      assertThat(new JsonObject(r.body())).isEqualTo(new JsonObject().put("stateMachineArn", MACHINE)
          .put("name", NAME).put("input", "{\"step\":\"dns\",\"drill\":false,\"epoch\":0}"));
      assertThat(r.region()).isEqualTo("eu-west-1");
      assertThat(r.service()).isEqualTo("states");
    });
    assertThat(calls("DescribeExecution")).as("RUNNING three times, then SUCCEEDED").hasSize(4)
        .allSatisfy(r -> assertThat(new JsonObject(r.body()).getString("executionArn"))
            .isEqualTo("arn:aws:states:eu-west-1:123456789012:execution:dr-dns:" + NAME));
  }

  @Test
  void shouldFailWithTheTimeoutsErrorAndCause() throws Exception {
    fake.endWith("TIMED_OUT", 1);
    OnContext.run(vertx, () -> action.apply(step(Map.of())));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step(Map.of()))))
        .hasMessage("step dns: execution " + NAME + " TIMED_OUT States.Timeout: The execution timed out after 300 s.");
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() {
    fake.failNext(10, FakeSfn.error(500, "InternalFailure", "An internal error occurred."));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(Map.of())))).hasMessage(
        "step dns: sfn StartExecution " + NAME + " failed after 4 attempts: InternalFailure (HTTP 500): "
            + "An internal error occurred.");
    assertThat(fake.requests()).hasSize(4);
  }

  @Test
  void shouldRetryASlowAnswerAndFailNamingTheTimeoutWhenItStaysSlow() throws Exception {
    try (SfnStartAction hurried = new SfnStartAction(vertx, StepClients.built(() -> impatient, SfnAsyncClient::builder))) {
      OnContext.run(vertx, () -> hurried.check(step(Map.of()))); // warm: the first call loads the SDK's classes
      fake.clearRequests();
      fake.delayNext(1, Duration.ofSeconds(2));
      OnContext.run(vertx, () -> hurried.apply(step(Map.of())));
      assertThat(calls("StartExecution")).as("the slow attempt, then the retry joining its execution").hasSize(2);

      fake.delayNext(4, Duration.ofSeconds(2));
      assertThatThrownBy(() -> OnContext.run(vertx, () -> hurried.check(step(Map.of()))))
          .hasMessageStartingWith("step dns: sfn DescribeExecution " + NAME + " failed after 4 attempts: "
              + "ApiCallTimeoutException");
    }
  }

  @Test
  void shouldBoundTheWaitForALongExecution() throws Exception {
    fake.endWith("SUCCEEDED", 1_000);
    Step step = step(Map.of("waitSeconds", "1", "pollMillis", "100"));
    OnContext.run(vertx, () -> action.apply(step));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step)))
        .hasMessage("step dns: execution " + NAME + ": still RUNNING after 1s");
  }
}
