package io.drwatch.adapter.aws.globalaccelerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drwatch.adapter.aws.AwsClients;
import io.drwatch.adapter.aws.AwsJsonFake.Fault;
import io.drwatch.adapter.aws.AwsJsonFake.Reply;
import io.drwatch.adapter.aws.AwsSettings;
import io.drwatch.adapter.aws.OnContext;
import io.drwatch.port.FailoverAction.Step;
import io.drwatch.testkit.TestVertx;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorAsyncClient;

/** ga-traffic-dial with the real SDK client against {@link GlobalAcceleratorFake} (moto has no GA). */
class GaTrafficDialActionTest {
  private static Vertx vertx;
  private static GlobalAcceleratorFake ga;
  private static AwsClients aws;
  private static AwsClients impatient;
  private static GaTrafficDialAction action;
  private static GaTrafficDialAction impatientAction;

  @BeforeAll
  static void start() throws Exception {
    vertx = TestVertx.create();
    ga = new GlobalAcceleratorFake(vertx);
    StaticCredentialsProvider testing = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    aws = AwsClients.create(AwsSettings.DEFAULT, testing);
    impatient = AwsClients.create(new AwsSettings(Duration.ofSeconds(2), Duration.ofSeconds(30),
        Duration.ofMillis(500), 10, 1), testing);
    action = action(aws);
    impatientAction = action(impatient);
    // Cold JVM: the first call (and the first retry) links lambdas and loads classes for ~0.5 s on
    // this 2-core box, once; do it here, where the blocked-thread check does not count.
    String warm = ga.addGroup("acc-warm", "grp-warm", 100f);
    ga.server.faults.add(Fault.answer(Reply.error(400, "ThrottlingException", "Rate exceeded")));
    OnContext.run(vertx, () -> action.check(step(warm, "100")));
    OnContext.run(vertx, () -> action.apply(step(warm, "50")));
    OnContext.run(vertx, () -> action.await(step(warm, "50")));
  }

  private static GaTrafficDialAction action(AwsClients clients) {
    return new GaTrafficDialAction(vertx,
        endpoint -> clients.configure(GlobalAcceleratorAsyncClient.builder(), endpoint).build(), Duration.ofMillis(20));
  }

  @AfterAll
  static void stop() throws Exception {
    action.close();
    impatientAction.close();
    aws.close();
    impatient.close();
    ga.close();
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @BeforeEach
  void reset() {
    ga.server.calls.clear();
    ga.server.faults.clear();
    ga.server.always = null;
    ga.deployAfter = 2;
  }

  private static Step step(String group, String dial, String... extra) {
    Map<String, String> params = new HashMap<>(Map.of("endpointGroup", group, "dial", dial,
        "endpointOverride", ga.server.endpoint().toString()));
    for (int i = 0; i < extra.length; i += 2) {
      params.put(extra[i], extra[i + 1]);
    }
    return new Step("dial-old", params, false);
  }

  private static <T> T run(Supplier<Future<T>> call) throws Exception {
    return OnContext.run(vertx, call);
  }

  @Test
  void shouldSkipWhenTheGroupIsAlreadyAtTheDial() throws Exception {
    String group = ga.addGroup("acc-skip", "grp-skip", 0f);
    assertThat(run(() -> action.check(step(group, "0")))).isTrue();
    assertThat(run(() -> action.check(step(group, "100")))).isFalse();
    assertThat(ga.server.operations()).containsExactly("DescribeEndpointGroup", "DescribeEndpointGroup");
  }

  @Test
  void shouldDialToZeroSendingOnlyTheDialAndWaitUntilDeployed() throws Exception {
    String group = ga.addGroup("acc-main", "grp-main", 100f);
    Step step = step(group, "0");

    assertThat(run(() -> action.check(step))).isFalse();
    run(() -> action.apply(step));
    run(() -> action.await(step));

    JsonObject update = ga.server.calls.stream().filter(c -> c.operation().equals("UpdateEndpointGroup"))
        .findFirst().orElseThrow().body();
    assertThat(update).isEqualTo(new JsonObject().put("EndpointGroupArn", group).put("TrafficDialPercentage", 0.0));
    // Read back: IN_PROGRESS twice, then DEPLOYED; the accelerator ARN was derived from the group's.
    assertThat(ga.server.calls.stream().filter(c -> c.operation().equals("DescribeAccelerator")))
        .hasSize(3).allSatisfy(c -> assertThat(c.body().getString("AcceleratorArn"))
            .isEqualTo(GlobalAcceleratorFake.accelerator("acc-main")));
    assertThat(ga.status).containsEntry(GlobalAcceleratorFake.accelerator("acc-main"), "DEPLOYED");
    assertThat(run(() -> action.check(step))).isTrue();
  }

  @Test
  void shouldCheckOnlyTheDialWhenTheArnHasAnotherShape() throws Exception {
    String arn = "arn:aws:globalaccelerator::123456789012:endpoint-group/odd";
    ga.dials.put(arn, 40f);
    run(() -> action.await(step(arn, "40")));
    assertThat(ga.server.operations()).containsExactly("DescribeEndpointGroup");
  }

  @Test
  void shouldFailAtOnceOnAnUnknownEndpointGroup() {
    String missing = GlobalAcceleratorFake.group("acc-none", "grp-none");
    assertThatThrownBy(() -> run(() -> action.check(step(missing, "0"))))
        .hasMessage("step dial-old: globalaccelerator DescribeEndpointGroup failed: EndpointGroupNotFoundException "
            + "(HTTP 400): Endpoint group " + missing + " not found");
    assertThat(ga.server.calls).hasSize(1);
  }

  @Test
  void shouldRetryThrottlingThenSucceed() throws Exception {
    String group = ga.addGroup("acc-throttle", "grp-throttle", 100f);
    Reply throttled = Reply.error(400, "ThrottlingException", "Rate exceeded");
    ga.server.faults.add(Fault.answer(throttled));
    ga.server.faults.add(Fault.answer(throttled));
    run(() -> action.apply(step(group, "25")));
    assertThat(ga.server.operations()).containsExactly("UpdateEndpointGroup", "UpdateEndpointGroup", "UpdateEndpointGroup");
    assertThat(ga.dials.get(group)).isEqualTo(25f);
  }

  @Test
  void shouldFailAfterBoundedAttemptsOnPersistent5xx() {
    String group = ga.addGroup("acc-5xx", "grp-5xx", 100f);
    ga.server.always = Fault.answer(Reply.error(500, "InternalServiceErrorException", "internal error"));
    assertThatThrownBy(() -> run(() -> action.apply(step(group, "0"))))
        .hasMessage("step dial-old: globalaccelerator UpdateEndpointGroup failed after 4 attempts: "
            + "InternalServiceErrorException (HTTP 500): internal error");
    assertThat(ga.server.calls).hasSize(4);
  }

  @Test
  void shouldRetryACallThatTimesOutAndFailWhenEveryAttemptDoes() throws Exception {
    String group = ga.addGroup("acc-slow", "grp-slow", 0f);
    ga.server.faults.add(Fault.stall(Duration.ofSeconds(2)));
    assertThat(run(() -> impatientAction.check(step(group, "0")))).isTrue();
    assertThat(ga.server.calls).hasSize(2);

    ga.server.always = Fault.stall(Duration.ofSeconds(2));
    long start = System.nanoTime();
    assertThatThrownBy(() -> run(() -> impatientAction.check(step(group, "0"))))
        .hasMessageStartingWith("step dial-old: globalaccelerator DescribeEndpointGroup failed after 4 attempts: "
            + "ApiCallTimeoutException");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldGiveUpWaitingWhenTheAcceleratorNeverDeploys() throws Exception {
    String group = ga.addGroup("acc-stuck", "grp-stuck", 100f);
    ga.deployAfter = Integer.MAX_VALUE;
    Step step = step(group, "0", "waitSeconds", "1");
    run(() -> action.apply(step));
    assertThatThrownBy(() -> run(() -> action.await(step)))
        .hasMessage("step dial-old: endpoint group " + group + " to dial 0: still dial 0, accelerator IN_PROGRESS after 1s");
  }

  @Test
  void shouldNameTheStepKeyAndValueOfABadParameter() {
    String group = GlobalAcceleratorFake.group("acc-x", "grp-x");
    assertThatThrownBy(() -> run(() -> action.apply(step(group, "150"))))
        .hasMessage("step dial-old: dial must be a whole number between 0 and 100, but was \"150\"");
    assertThatThrownBy(() -> run(() -> action.check(step(group, "half"))))
        .hasMessage("step dial-old: dial must be a whole number between 0 and 100, but was \"half\"");
    assertThatThrownBy(() -> run(() -> action.check(step("my-group", "0"))))
        .hasMessageContaining("endpointGroup must be a Global Accelerator endpoint group ARN, but was \"my-group\"");
    assertThatThrownBy(() -> run(() -> action.check(new Step("dial-old", Map.of("dial", "0"), false))))
        .hasMessage("step dial-old: missing parameter endpointGroup");
    assertThat(ga.server.calls).isEmpty();
  }
}
