package io.drwatch.adapter.aws.sfn;

import io.drwatch.adapter.aws.StepClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsEndpoint;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.MotoServer;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpClient;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnAsyncClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * sfn-start against a real moto server. With {@code execute_state_machine} moto runs the
 * definition (a Wait state is RUNNING for a second, then SUCCEEDED; a Fail state ends FAILED with
 * its error and cause), but moto 5.2.1 answers 500 to the second execution per reset, so each
 * test resets it and starts at most one. Without it executions stay RUNNING: the idempotent retry.
 */
class SfnStartActionTest {
  private static final String REGION = "us-east-1";
  private static final String RUN = "20261126T021810123Z-ab12cd34";
  private static final String ROLE = "arn:aws:iam::123456789012:role/drwatch-sfn";

  private static Vertx vertx;
  private static MotoServer moto;
  private static AwsClients aws;
  private static AwsClients setup;
  private static SfnAsyncClient sfn;
  private static SfnStartAction action;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    moto = MotoServer.start();
    aws = OnContext.clients(AwsSettings.DEFAULT);
    // moto loads its state-machine interpreter on the first call in execute mode: seconds on a busy machine.
    setup = OnContext.clients(new AwsSettings(Duration.ofSeconds(2), Duration.ofSeconds(60), Duration.ofSeconds(60), 4, 1));
    sfn = setup.configure(SfnAsyncClient.builder(), new AwsEndpoint(REGION, Optional.of(moto.endpoint()))).build();
    action = new SfnStartAction(vertx, StepClients.built(() -> aws, SfnAsyncClient::builder));
  }

  @AfterAll
  static void stop() throws Exception {
    action.close();
    sfn.close();
    setup.close();
    aws.close();
    moto.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void cleanSlate() throws Exception {
    post("/moto-api/reset", "");
  }

  /** Resets moto's mode and creates the state machine; returns its ARN. */
  private static String machine(boolean execute, String name, String states) throws Exception {
    post("/moto-api/config", "{\"stepfunctions\":{\"execute_state_machine\":" + execute + "}}");
    String definition = "{\"StartAt\":\"A\",\"States\":{\"A\":" + states + "}}";
    return sfn.createStateMachine(r -> r.name(name).definition(definition).roleArn(ROLE))
        .get(60, TimeUnit.SECONDS).stateMachineArn();
  }

  private static void post(String path, String json) throws Exception {
    int status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(moto.endpoint().resolve(path))
        .header("Content-Type", "application/json").POST(BodyPublishers.ofString(json)).build(),
        BodyHandlers.discarding()).statusCode();
    assertThat(status).isBetween(200, 299);
  }

  private static Step step(String machine, Map<String, String> extra) {
    Map<String, String> params = new HashMap<>(Map.of("stateMachine", machine, "region", REGION,
        "endpointOverride", moto.endpoint().toString(), "pollMillis", "100"));
    params.putAll(extra);
    return new Step("hook", params, true, RUN);
  }

  private static DescribeExecutionResponse execution(String machine, String name) throws Exception {
    return sfn.describeExecution(r -> r.executionArn(machine.replace(":stateMachine:", ":execution:") + ":" + name))
        .get(60, TimeUnit.SECONDS);
  }

  @Test
  void shouldStartTheMachineAndWaitForItsExecutionToSucceed() throws Exception {
    String machine = machine(true, "dr-wait", "{\"Type\":\"Wait\",\"Seconds\":1,\"End\":true}");
    Step step = step(machine, Map.of());
    assertThat(OnContext.run(vertx, () -> action.check(step))).isFalse();
    OnContext.run(vertx, () -> action.apply(step));

    DescribeExecutionResponse started = execution(machine, "drwatch-hook-" + RUN);
    assertThat(started.statusAsString()).isEqualTo("RUNNING");
    assertThat(new JsonObject(started.input()))
        .isEqualTo(new JsonObject().put("step", "hook").put("drill", true).put("epoch", 0));
    OnContext.run(vertx, () -> action.await(step));

    assertThat(execution(machine, "drwatch-hook-" + RUN).statusAsString()).isEqualTo("SUCCEEDED");
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("a re-check after a crash skips the step").isTrue();
    OnContext.run(vertx, () -> action.apply(step)); // a retry of the same run: the execution already succeeded
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine)).get(60, TimeUnit.SECONDS).executions()).hasSize(1);
  }

  @Test
  void shouldFailWithTheExecutionsErrorAndCause() throws Exception {
    String machine = machine(true, "dr-fail", "{\"Type\":\"Fail\",\"Error\":\"DnsNotSwitched\",\"Cause\":\"zone locked\"}");
    Step step = step(machine, Map.of());
    OnContext.run(vertx, () -> action.apply(step));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.await(step)))
        .hasMessage("step hook: execution drwatch-hook-" + RUN + " FAILED DnsNotSwitched: zone locked");
    assertThat(OnContext.run(vertx, () -> action.check(step))).isFalse();
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step)))
        .hasMessage("step hook: execution drwatch-hook-" + RUN + " already exists: FAILED DnsNotSwitched: zone locked;"
            + " set a new name to run the state machine again");
  }

  @Test
  void shouldJoinTheRunningExecutionWhenRetriedAfterACrash() throws Exception {
    String machine = machine(false, "dr-slow", "{\"Type\":\"Pass\",\"End\":true}");
    Step step = step(machine, Map.of("input", "{\"region\":\"us-west-2\"}"));
    OnContext.run(vertx, () -> action.apply(step));
    OnContext.run(vertx, () -> action.apply(step));
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine)).get(60, TimeUnit.SECONDS).executions())
        .singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("drwatch-hook-" + RUN));
    assertThat(OnContext.run(vertx, () -> action.check(step))).as("RUNNING is not done").isFalse();

    Step changed = step(machine, Map.of("input", "{\"region\":\"eu-west-1\"}"));
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(changed)))
        .hasMessageStartingWith("step hook: execution drwatch-hook-" + RUN + " already exists: RUNNING with a different input");
  }

  /** The input as moto stored it carries the epoch; a later lease resuming the run joins its execution. */
  @Test
  void shouldPassTheFencingEpochAndJoinTheExecutionUnderALaterLease() throws Exception {
    String machine = machine(false, "dr-leased", "{\"Type\":\"Pass\",\"End\":true}");
    Map<String, String> params = new HashMap<>(Map.of("stateMachine", machine, "region", REGION,
        "endpointOverride", moto.endpoint().toString(), "input", "{\"region\":\"us-west-2\"}"));
    OnContext.run(vertx, () -> action.apply(new Step("hook", params, false, RUN, 3)));
    assertThat(new JsonObject(execution(machine, "drwatch-hook-" + RUN).input()))
        .isEqualTo(new JsonObject().put("region", "us-west-2").put("epoch", 3));

    OnContext.run(vertx, () -> action.apply(new Step("hook", params, false, RUN, 4)));
    assertThat(sfn.listExecutions(r -> r.stateMachineArn(machine)).get(60, TimeUnit.SECONDS).executions())
        .as("the resumed step follows the execution it started under epoch 3").hasSize(1);
    params.put("input", "{\"region\":\"eu-west-1\"}");
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(new Step("hook", params, false, RUN, 4))))
        .hasMessageStartingWith("step hook: execution drwatch-hook-" + RUN + " already exists: RUNNING with a different input");
  }

  @Test
  void shouldFailAtOnceWhenTheStateMachineDoesNotExist() throws Exception {
    String missing = "arn:aws:states:us-east-1:123456789012:stateMachine:no-such-machine";
    post("/moto-api/config", "{\"stepfunctions\":{\"execute_state_machine\":false}}");
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(missing, Map.of()))))
        .hasMessage("step hook: sfn StartExecution drwatch-hook-" + RUN + " failed: StateMachineDoesNotExist (HTTP 400): "
            + "State Machine Does Not Exist: '" + missing + "'");
  }

  @Test
  void shouldNameTheStepKeyAndValueOfBadParameters() {
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.check(step("my-machine", Map.of()))))
        .hasMessage("step hook: stateMachine must be a state machine ARN (arn:aws:states:<region>:<account>:"
            + "stateMachine:<name>), but was \"my-machine\"");
    String machine = "arn:aws:states:us-east-1:123456789012:stateMachine:dr";
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(machine, Map.of("name", "a b")))))
        .hasMessage("step hook: name must be 1 to 80 of A-Z a-z 0-9 - _, but was \"a b\"");
    assertThatThrownBy(() -> OnContext.run(vertx, () -> action.apply(step(machine, Map.of("input", "{nope")))))
        .hasMessage("step hook: input is not JSON");
  }

  @Test
  void shouldDeriveAStableValidNameFromStepAndRun() {
    assertThat(ExecutionTarget.defaultName("dns switch", "r1")).isEqualTo("drwatch-dns_switch-r1");
    assertThat(ExecutionTarget.defaultName("hook", "")).isEqualTo("drwatch-hook");
    String longName = ExecutionTarget.defaultName("x".repeat(100), RUN);
    assertThat(longName).hasSize(80).startsWith("drwatch-xxx").matches("[A-Za-z0-9_-]+")
        .isEqualTo(ExecutionTarget.defaultName("x".repeat(100), RUN))
        .isNotEqualTo(ExecutionTarget.defaultName("x".repeat(100), RUN + "0"));
  }
}
